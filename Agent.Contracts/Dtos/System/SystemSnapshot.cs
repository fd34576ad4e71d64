using System.Text.Json.Serialization;

namespace Agent.Contracts.Dtos.System;

/// <summary>The <c>system_update</c> payload: CPU, memory, temperatures and identity of the host.</summary>
public sealed record SystemSnapshot
{
    /// <summary>Host name as the kernel reports it.</summary>
    public string Hostname { get; init; } = "";

    /// <summary>Unraid OS version from <c>/etc/unraid-version</c>; empty off Unraid.</summary>
    public string Version { get; init; } = "";

    /// <summary>Version of this agent.</summary>
    public string AgentVersion { get; init; } = "";

    /// <summary>Kernel release, as in <c>uname -r</c>.</summary>
    public string KernelVersion { get; init; } = "";

    /// <summary>Time since boot, in whole seconds.</summary>
    public long UptimeSeconds { get; init; }

    /// <summary>Busy share of all CPUs since the previous sample, in percent (0–100).</summary>
    public double CpuUsagePercent { get; init; }

    /// <summary>Busy share per logical CPU (<c>cpu0</c>, <c>cpu1</c>, …), in percent (0–100).</summary>
    public IReadOnlyDictionary<string, double> CpuPerCoreUsage { get; init; } = new Dictionary<string, double>();

    /// <summary>CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public string CpuModel { get; init; } = "";

    /// <summary>Number of physical cores.</summary>
    public int CpuCores { get; init; }

    /// <summary>Number of logical CPUs (hardware threads).</summary>
    public int CpuThreads { get; init; }

    /// <summary>Mean current clock of the logical CPUs, in MHz.</summary>
    public double CpuMhz { get; init; }

    /// <summary>CPU package temperature in degrees Celsius; 0 when no CPU sensor is found.</summary>
    public double CpuTempCelsius { get; init; }

    /// <summary>Motherboard temperature in degrees Celsius; 0 when no board sensor is found.</summary>
    public double MotherboardTempCelsius { get; init; }

    /// <summary>Every plausible temperature reading (−40…125 °C) of every hwmon sensor.</summary>
    public IReadOnlyList<TemperatureReading> Temperatures { get; init; } = [];

    /// <summary>Every fan that reports a speed.</summary>
    public IReadOnlyList<FanReading> Fans { get; init; } = [];

    /// <summary>Installed memory, in bytes.</summary>
    public long RamTotalBytes { get; init; }

    /// <summary>Memory in use (total − available), in bytes.</summary>
    public long RamUsedBytes { get; init; }

    /// <summary>Memory not used for anything, in bytes.</summary>
    public long RamFreeBytes { get; init; }

    /// <summary>Memory used for block-device buffers, in bytes.</summary>
    public long RamBuffersBytes { get; init; }

    /// <summary>Memory used for the page cache, in bytes.</summary>
    public long RamCachedBytes { get; init; }

    /// <summary>Used share of installed memory, in percent (0–100).</summary>
    public double RamUsagePercent { get; init; }

    /// <summary>Swap space, in bytes.</summary>
    public long SwapTotalBytes { get; init; }

    /// <summary>Swap in use, in bytes.</summary>
    public long SwapUsedBytes { get; init; }

    /// <summary>Swap not in use, in bytes.</summary>
    public long SwapFreeBytes { get; init; }

    /// <summary>Used share of swap, in percent (0–100); 0 when there is no swap.</summary>
    public double SwapUsagePercent { get; init; }

    /// <summary>Load average over one minute (runnable tasks).</summary>
    [JsonPropertyName("load_average_1m")]
    public double LoadAverage1Minute { get; init; }

    /// <summary>Load average over five minutes (runnable tasks).</summary>
    [JsonPropertyName("load_average_5m")]
    public double LoadAverage5Minutes { get; init; }

    /// <summary>Load average over fifteen minutes (runnable tasks).</summary>
    [JsonPropertyName("load_average_15m")]
    public double LoadAverage15Minutes { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
