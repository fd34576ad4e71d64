namespace Agent.Collectors.Docker;

/// <summary>What one stats sample says about a container, in the units of <c>container_list_update</c>.</summary>
internal readonly record struct ContainerUsage(
    double CpuPercent,
    long MemoryUsageBytes,
    long MemoryLimitBytes,
    double MemoryPercent,
    long NetworkRxBytes,
    long NetworkTxBytes,
    double NetworkRxBytesPerSec,
    double NetworkTxBytesPerSec,
    ContainerSample Sample);
