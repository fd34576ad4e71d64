namespace Agent.Contracts.Dtos.Containers;

/// <summary>One Docker container in <c>container_list_update</c>.</summary>
public sealed record ContainerStatus
{
    /// <summary>Container id, the first 12 hex digits.</summary>
    public string Id { get; init; } = "";

    /// <summary>Container name without the leading <c>/</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Image name without its tag.</summary>
    public string Image { get; init; } = "";

    /// <summary>Image tag, e.g. <c>latest</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>
    /// Docker's state in lower case: <c>running</c>, <c>exited</c>, <c>paused</c>, <c>restarting</c>, …;
    /// <c>unknown</c> when absent.
    /// </summary>
    public string State { get; init; } = "unknown";

    /// <summary>Docker's status text, e.g. <c>Up 3 days</c>; <c>unknown</c> when absent.</summary>
    public string Status { get; init; } = "unknown";

    /// <summary>Health-check verdict: <c>healthy</c>, <c>unhealthy</c>, <c>starting</c> or <c>none</c> when no check is defined.</summary>
    public string Health { get; init; } = "none";

    /// <summary>CPU use, in percent of the whole host (all CPUs together make 100).</summary>
    public double CpuPercent { get; init; }

    /// <summary>Memory in use without the page cache, in bytes, as <c>docker stats</c> shows it.</summary>
    public long MemoryUsageBytes { get; init; }

    /// <summary>Memory limit, in bytes.</summary>
    public long MemoryLimitBytes { get; init; }

    /// <summary>Memory in use, in percent of the limit.</summary>
    public double MemoryPercent { get; init; }

    /// <summary>Bytes received, summed over the container's interfaces.</summary>
    public long NetworkRxBytes { get; init; }

    /// <summary>Bytes sent, summed over the container's interfaces.</summary>
    public long NetworkTxBytes { get; init; }

    /// <summary>Receive rate since the previous poll, in bytes per second.</summary>
    public double NetworkRxBytesPerSec { get; init; }

    /// <summary>Transmit rate since the previous poll, in bytes per second.</summary>
    public double NetworkTxBytesPerSec { get; init; }

    /// <summary>Published and exposed ports.</summary>
    public IReadOnlyList<PortMapping> Ports { get; init; } = [];

    /// <summary>Number of restarts by the daemon.</summary>
    public int RestartCount { get; init; }

    /// <summary>Restart policy name, e.g. <c>unless-stopped</c>; <c>no</c> when none.</summary>
    public string RestartPolicy { get; init; } = "";

    /// <summary>Network mode, e.g. <c>bridge</c>, <c>host</c>, <c>none</c>.</summary>
    public string NetworkMode { get; init; } = "";

    /// <summary>First IPv4 address of the container; empty when none.</summary>
    public string IpAddress { get; init; } = "";

    /// <summary>Time since the container started, as text such as <c>3d 4h 12m</c>; empty when not running.</summary>
    public string Uptime { get; init; } = "";

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
