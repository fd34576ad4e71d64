namespace Agent.Contracts.Dtos.Gpu;

/// <summary>One GPU in <c>gpu_metrics_update</c>.</summary>
public sealed record GpuStatus
{
    /// <summary>Position of the GPU in the list, 0…n−1 across all vendors, stable across polls.</summary>
    public int Index { get; init; }

    /// <summary><c>nvidia</c>, <c>intel</c> or <c>amd</c>.</summary>
    public string Vendor { get; init; } = "";

    /// <summary>Whether the last poll could read the GPU's metrics.</summary>
    public bool Available { get; init; }

    /// <summary>Product name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Vendor UUID of the GPU; empty when the vendor gives none.</summary>
    public string Uuid { get; init; } = "";

    /// <summary>PCI bus address, e.g. <c>0000:01:00.0</c>.</summary>
    public string PciId { get; init; } = "";

    /// <summary>Driver version that serves this GPU.</summary>
    public string DriverVersion { get; init; } = "";

    /// <summary>Core temperature in degrees Celsius; 0 when not reported.</summary>
    public double TemperatureCelsius { get; init; }

    /// <summary>Busy share of the GPU's engines, in percent (0–100).</summary>
    public double UtilizationGpuPercent { get; init; }

    /// <summary>Busy share of the memory controller, in percent (0–100).</summary>
    public double UtilizationMemoryPercent { get; init; }

    /// <summary>Dedicated memory, in bytes; 0 when the GPU has none or does not report it.</summary>
    public long MemoryTotalBytes { get; init; }

    /// <summary>Dedicated memory in use, in bytes.</summary>
    public long MemoryUsedBytes { get; init; }

    /// <summary>Power draw, in watts.</summary>
    public double PowerDrawWatts { get; init; }

    /// <summary>Fan speed, in percent of its maximum.</summary>
    public double FanSpeedPercent { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
