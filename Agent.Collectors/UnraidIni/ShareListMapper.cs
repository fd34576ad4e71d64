using Agent.Contracts.Dtos.Array;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Turns <c>shares.ini</c> into one <see cref="ShareStatus"/> per user share, with the export flags of
/// <c>sec.ini</c> (SMB) and <c>sec_nfs.ini</c> (NFS) when those files are there.
/// </summary>
internal static class ShareListMapper
{
    private const long KiB = 1024;

    /// <summary>
    /// Whether <c>shares.ini</c> looks whole: not cut mid-line, and the last share has its <c>used</c> figure, which
    /// emhttpd writes near the end of every section. An empty file is whole: a server may have no user shares.
    /// </summary>
    public static bool IsComplete(IniDocument shares) =>
        !shares.IsTruncated && (shares.SectionCount == 0 || shares.SectionAt(shares.SectionCount - 1).Has("used"));

    /// <summary>The share list, in file order.</summary>
    public static IReadOnlyList<ShareStatus> Map(
        IniDocument shares,
        IniDocument? smb,
        IniDocument? nfs,
        string userSharesPath,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shares);

        var result = new List<ShareStatus>(shares.SectionCount);
        for (var i = 0; i < shares.SectionCount; i++)
        {
            var share = shares.SectionAt(i);
            var name = share.GetString("name", share.Name) is { Length: > 0 } named ? named : share.Name;
            result.Add(MapShare(share, name, IsExported(smb, share.Name), IsExported(nfs, share.Name), userSharesPath, now));
        }

        return result;
    }

    private static ShareStatus MapShare(
        IniSection share,
        string name,
        bool smbExport,
        bool nfsExport,
        string userSharesPath,
        DateTimeOffset now)
    {
        // "size" is the configured quota (0 in every capture), not the share's extent; free + used is its size.
        var used = Bytes(share, "used");
        var free = Bytes(share, "free");
        var total = used + free;
        var useCache = share.GetString("useCache");

        return new ShareStatus
        {
            Name = name,
            Comment = share.GetString("comment"),
            Path = Path.Combine(userSharesPath, name),
            TotalBytes = total,
            UsedBytes = used,
            FreeBytes = free,
            UsagePercent = total > 0 ? Math.Round(used * 100.0 / total, 1) : 0,
            Storage = Storage(useCache),
            UseCache = useCache,
            CachePool = useCache is "no" or "" ? "" : share.GetString("cachePool"),
            SmbExport = smbExport,
            NfsExport = nfsExport,
            Timestamp = now,
        };
    }

    private static string Storage(string useCache) => useCache switch
    {
        "only" => "cache",
        "no" => "array",
        "yes" or "prefer" => "cache+array",
        _ => "unknown",
    };

    // In sec.ini and sec_nfs.ini, export="-" means not exported; "e" (and "eh", exported but hidden) means exported.
    private static bool IsExported(IniDocument? security, string share)
    {
        if (security?.FindSection(share) is not { } section)
        {
            return false;
        }

        var export = section.Raw("export");
        return !export.IsEmpty && export[0] == 'e';
    }

    private static long Bytes(IniSection share, string key) => Math.Max(0, share.GetInt64(key) ?? 0) * KiB;
}
