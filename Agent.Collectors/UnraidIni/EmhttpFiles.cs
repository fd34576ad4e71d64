namespace Agent.Collectors.UnraidIni;

/// <summary>The emhttp state files this source reads, by name inside the emhttp folder.</summary>
internal static class EmhttpFiles
{
    /// <summary>Array state, flat keys.</summary>
    public const string Var = "var.ini";

    /// <summary>One section per slot.</summary>
    public const string Disks = "disks.ini";

    /// <summary>One section per user share.</summary>
    public const string Shares = "shares.ini";

    /// <summary>SMB export settings, one section per share.</summary>
    public const string SmbSecurity = "sec.ini";

    /// <summary>NFS export settings, one section per share.</summary>
    public const string NfsSecurity = "sec_nfs.ini";
}
