using Agent.Collectors.Sysfs;
using Agent.Contracts.Dtos.System;

namespace Agent.Collectors.Proc;

/// <summary>Assembles the <c>system_update</c> payload from parsed sources. Pure: every input is passed in.</summary>
internal static class SystemSnapshotBuilder
{
    private const int Decimals = 2;

    public static SystemSnapshot Build(
        SystemTexts texts,
        CpuUsage usage,
        HwmonSummary sensors,
        string agentVersion,
        DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(sensors);

        var memory = texts.Meminfo is { } meminfo ? MeminfoParser.Parse(meminfo) : default;
        var cpu = texts.Cpuinfo is { } cpuinfo ? CpuinfoParser.Parse(cpuinfo) : new CpuInfo("", 0, 0, 0);
        LoadavgParser.TryParse(texts.Loadavg, out var load);
        UptimeParser.TryParse(texts.Uptime, out var uptime);
        var threads = cpu.Threads > 0 ? cpu.Threads : usage.PerCorePercent.Count;

        return new SystemSnapshot
        {
            Hostname = texts.Hostname?.Trim() ?? "",
            Version = texts.UnraidVersion is { } version ? UnraidVersionParser.Parse(version) : "",
            AgentVersion = agentVersion,
            KernelVersion = texts.KernelRelease?.Trim() ?? "",
            UptimeSeconds = (long)uptime.TotalSeconds,
            CpuUsagePercent = Round(usage.TotalPercent),
            CpuPerCoreUsage = usage.PerCorePercent.ToDictionary(core => core.Key, core => Round(core.Value), StringComparer.Ordinal),
            CpuModel = cpu.Model,
            CpuCores = cpu.PhysicalCores > 0 ? cpu.PhysicalCores : threads,
            CpuThreads = threads,
            CpuMhz = Math.Round(cpu.MeanMhz, Decimals),
            CpuTempCelsius = sensors.CpuTempCelsius,
            MotherboardTempCelsius = sensors.MotherboardTempCelsius,
            Temperatures = sensors.Temperatures,
            Fans = sensors.Fans,
            RamTotalBytes = memory.TotalBytes,
            RamUsedBytes = memory.UsedBytes,
            RamFreeBytes = memory.FreeBytes,
            RamBuffersBytes = memory.BuffersBytes,
            RamCachedBytes = memory.CachedBytes,
            RamUsagePercent = Percent(memory.UsedBytes, memory.TotalBytes),
            SwapTotalBytes = memory.SwapTotalBytes,
            SwapUsedBytes = memory.SwapUsedBytes,
            SwapFreeBytes = memory.SwapFreeBytes,
            SwapUsagePercent = Percent(memory.SwapUsedBytes, memory.SwapTotalBytes),
            LoadAverage1Minute = load.OneMinute,
            LoadAverage5Minutes = load.FiveMinutes,
            LoadAverage15Minutes = load.FifteenMinutes,
            Timestamp = timestamp,
        };
    }

    private static double Percent(long part, long whole) => whole > 0 ? Round(100.0 * part / whole) : 0;

    private static double Round(double percent) => Math.Round(percent, Decimals);
}
