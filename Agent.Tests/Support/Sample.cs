using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Dtos.Ups;

namespace Agent.Tests.Support;

/// <summary>Builders of payloads with fixed, plausible values for transport tests.</summary>
public static class Sample
{
    public static readonly DateTimeOffset Timestamp = new(2026, 12, 3, 10, 0, 0, 512, TimeSpan.FromHours(10));

    public static SystemSnapshot System(double cpuPercent = 12.5) => new()
    {
        Hostname = "Tower",
        Version = "7.3.1",
        AgentVersion = "2026.12.3",
        KernelVersion = "6.12.24-Unraid",
        UptimeSeconds = 86_400,
        CpuUsagePercent = cpuPercent,
        CpuPerCoreUsage = new Dictionary<string, double> { ["cpu0"] = 10.5, ["cpu1"] = 14.5 },
        CpuModel = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz",
        CpuCores = 4,
        CpuThreads = 8,
        CpuMhz = 1900.25,
        CpuTempCelsius = 45,
        MotherboardTempCelsius = 38.5,
        Temperatures = [new TemperatureReading { Name = "Package id 0", ValueCelsius = 45, SensorType = "cpu", Source = "coretemp" }],
        Fans = [new FanReading { Name = "fan1", Rpm = 1200 }],
        RamTotalBytes = 16_777_216_000,
        RamUsedBytes = 8_388_608_000,
        RamFreeBytes = 4_194_304_000,
        RamBuffersBytes = 104_857_600,
        RamCachedBytes = 4_089_446_400,
        RamUsagePercent = 50,
        SwapTotalBytes = 0,
        SwapUsedBytes = 0,
        SwapFreeBytes = 0,
        SwapUsagePercent = 0,
        LoadAverage1Minute = 0.21,
        LoadAverage5Minutes = 0.37,
        LoadAverage15Minutes = 0.39,
        Timestamp = Timestamp,
    };

    public static UpsStatus Ups(string status = "ONLINE") => new()
    {
        Connected = true,
        Status = status,
        LoadPercent = 9.3,
        BatteryChargePercent = 100,
        RuntimeLeftSeconds = 3_900,
        PowerWatts = 55.8,
        NominalPowerWatts = 600,
        InputVoltage = 235.3,
        OutputVoltage = 235.3,
        BatteryVoltage = 27.6,
        Model = "SMART-UPS 1000",
        Name = "ups",
        Backend = "apcupsd",
        Timestamp = Timestamp,
    };

    public static IReadOnlyList<NetworkInterfaceStatus> Network() =>
    [
        new NetworkInterfaceStatus
        {
            Name = "eth0",
            MacAddress = "02:00:00:00:00:01",
            IpAddress = "127.0.0.2",
            Ipv6Addresses = ["::1"],
            SpeedMbps = 1000,
            State = "up",
            Mtu = 1500,
            BytesReceived = 123_456_789,
            BytesSent = 98_765_432,
            PacketsReceived = 1000,
            PacketsSent = 900,
            ErrorsReceived = 0,
            ErrorsSent = 0,
            RxBytesPerSec = 1024.5,
            TxBytesPerSec = 512.25,
            Timestamp = Timestamp,
        },
    ];

    public static SourceStatus Source(string subsystem, string state) => new()
    {
        Subsystem = subsystem,
        State = state,
        Reason = state == SourceHealthState.Healthy ? "" : "test",
        LastChecked = Timestamp,
        LastHealthy = Timestamp,
    };
}
