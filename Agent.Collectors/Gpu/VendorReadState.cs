namespace Agent.Collectors.Gpu;

/// <summary>How reading one vendor's GPUs went.</summary>
internal enum VendorReadState
{
    /// <summary>The vendor's tool or cards are not on this machine.</summary>
    Absent,

    /// <summary>Every card of the vendor was read.</summary>
    Ok,

    /// <summary>The tool or part of the cards failed; <see cref="VendorReadResult.Reason"/> says how.</summary>
    Failed,
}
