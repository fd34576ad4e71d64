using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.System;

namespace Agent.Bench.Payloads;

/// <summary>
/// The two benchmark payloads, built the same way for the agent and for the references: a system update of about
/// 1 KB and a list of 24 disks of about 20 KB. The timestamp is the moment of publication (UTC, tick precision), which
/// the load client subtracts from its receive time.
/// </summary>
public static class BenchPayloads
{
    /// <summary>Disks in the large payload.</summary>
    public const int DiskCount = 24;

    /// <summary>A system update with four cores, stamped <paramref name="timestamp"/>.</summary>
    public static SystemSnapshot System(DateTimeOffset timestamp) => new()
    {
        Hostname = "Tower",
        Version = "7.2.0",
        AgentVersion = "bench",
        KernelVersion = "6.12.54-Unraid",
        UptimeSeconds = 123_456,
        CpuUsagePercent = 17.25,
        CpuPerCoreUsage = new Dictionary<string, double> { ["cpu0"] = 12.5, ["cpu1"] = 20.25, ["cpu2"] = 9.75, ["cpu3"] = 26.5 },
        CpuModel = "AMD Ryzen 5 5600G with Radeon Graphics",
        CpuCores = 4,
        CpuThreads = 4,
        CpuMhz = 3900.125,
        CpuTempCelsius = 47.5,
        MotherboardTempCelsius = 36,
        Temperatures =
        [
            new TemperatureReading { Name = "Tctl", ValueCelsius = 47.5, SensorType = "cpu", Source = "k10temp" },
            new TemperatureReading { Name = "SYSTIN", ValueCelsius = 36, SensorType = "motherboard", Source = "nct6775" },
        ],
        Fans = [new FanReading { Name = "fan1", Rpm = 1150 }, new FanReading { Name = "fan2", Rpm = 870 }],
        RamTotalBytes = 33_554_432_000,
        RamUsedBytes = 9_663_676_416,
        RamFreeBytes = 17_179_869_184,
        RamBuffersBytes = 268_435_456,
        RamCachedBytes = 6_442_450_944,
        RamUsagePercent = 28.8,
        SwapTotalBytes = 0,
        SwapUsedBytes = 0,
        SwapFreeBytes = 0,
        SwapUsagePercent = 0,
        LoadAverage1Minute = 0.52,
        LoadAverage5Minutes = 0.61,
        LoadAverage15Minutes = 0.58,
        Timestamp = timestamp,
    };

    /// <summary>A list of <see cref="DiskCount"/> disks, each stamped <paramref name="timestamp"/>.</summary>
    /// <remarks>An array, not a collection expression's generated list type, which contractless MessagePack cannot write.</remarks>
    public static IReadOnlyList<DiskStatus> Disks(DateTimeOffset timestamp) =>
        Enumerable.Range(1, DiskCount).Select(i => new DiskStatus
        {
            Id = $"disk{i}",
            Device = $"sd{(char)('a' + (i % 26))}",
            Name = $"disk{i}",
            Status = "DISK_OK",
            Role = "data",
            SizeBytes = 8_001_563_222_016,
            UsedBytes = 2_000_390_805_504,
            FreeBytes = 6_001_172_416_512,
            UsagePercent = 25,
            TemperatureCelsius = i % 3 == 0 ? 0 : 33 + (i % 5),
            SpinState = i % 3 == 0 ? "standby" : "active",
            SmartStatus = "PASSED",
            SmartErrors = 0,
            SpindownDelay = 15,
            TempWarningCelsius = 45,
            TempCriticalCelsius = 55,
            Filesystem = "xfs",
            MountPoint = $"/mnt/disk{i}",
            SerialNumber = $"ST8000VN004-2M2101_ZA1B2C{i:D2}",
            Model = "ST8000VN004-2M2101",
            Timestamp = timestamp,
        }).ToArray();

    /// <summary>The payload of <paramref name="topic"/> (<c>system</c> or <c>disk</c>), stamped <paramref name="timestamp"/>.</summary>
    public static object For(string topic, DateTimeOffset timestamp) =>
        topic == "disk" ? Disks(timestamp) : System(timestamp);
}
