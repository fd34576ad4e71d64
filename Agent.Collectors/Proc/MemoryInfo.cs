namespace Agent.Collectors.Proc;

/// <summary>The figures of <c>/proc/meminfo</c> the system snapshot needs, in bytes.</summary>
internal readonly record struct MemoryInfo(
    long TotalBytes,
    long FreeBytes,
    long? AvailableBytes,
    long BuffersBytes,
    long CachedBytes,
    long SwapTotalBytes,
    long SwapFreeBytes)
{
    /// <summary>Memory in use: total − available, or total − free − buffers − cached on kernels before 3.14.</summary>
    public long UsedBytes =>
        Math.Max(0, AvailableBytes is { } available ? TotalBytes - available : TotalBytes - FreeBytes - BuffersBytes - CachedBytes);

    /// <summary>Swap in use.</summary>
    public long SwapUsedBytes => Math.Max(0, SwapTotalBytes - SwapFreeBytes);
}
