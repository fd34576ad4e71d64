using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Dtos.Gpu;
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

    public static ArrayStatus Array(string state = "STARTED") => new()
    {
        State = state,
        NumDisks = 4,
        NumDataDisks = 3,
        NumParityDisks = 1,
        ParityValid = true,
        ParityCheckStatus = "",
        ParityCheckProgress = 0,
        SyncErrors = 0,
        TotalBytes = 12_000_138_625_024,
        UsedBytes = 4_000_046_208_341,
        FreeBytes = 8_000_092_416_683,
        UsedPercent = 33.33,
        Timestamp = Timestamp,
    };

    /// <summary>A disk list of <paramref name="count"/> disks; 24 disks make a frame of about 20 KB.</summary>
    public static IReadOnlyList<DiskStatus> Disks(int count = 4) =>
    [
        .. Enumerable.Range(1, count).Select(i => new DiskStatus
        {
            Id = $"disk{i}",
            Device = $"sd{(char)('a' + (i % 26))}",
            Name = $"disk{i}",
            Status = "DISK_OK",
            Role = "data",
            SizeBytes = 4_000_787_030_016,
            UsedBytes = 1_000_196_757_504,
            FreeBytes = 3_000_590_272_512,
            UsagePercent = 25,
            TemperatureCelsius = i % 2 == 0 ? 0 : 34,
            SpinState = i % 2 == 0 ? "standby" : "active",
            SmartStatus = "PASSED",
            SmartErrors = 0,
            SpindownDelay = 15,
            TempWarningCelsius = 45,
            TempCriticalCelsius = 55,
            Filesystem = "xfs",
            MountPoint = $"/mnt/disk{i}",
            SerialNumber = $"WDC_WD40EFRX-68N32N0_WD-WCC7K0XXXX{i:D2}",
            Model = "WDC WD40EFRX-68N32N0",
            Timestamp = Timestamp,
        }),
    ];

    public static IReadOnlyList<ShareStatus> Shares() =>
    [
        new ShareStatus
        {
            Name = "appdata",
            Comment = "application data",
            Path = "/mnt/user/appdata",
            TotalBytes = 1_000_000_000_000,
            UsedBytes = 250_000_000_000,
            FreeBytes = 750_000_000_000,
            UsagePercent = 25,
            Storage = "cache",
            UseCache = "only",
            CachePool = "cache",
            SmbExport = true,
            NfsExport = false,
            Timestamp = Timestamp,
        },
    ];

    public static IReadOnlyList<GpuStatus> Gpus() =>
    [
        new GpuStatus
        {
            Index = 0,
            Vendor = "nvidia",
            Available = true,
            Name = "NVIDIA GeForce RTX 3080",
            Uuid = "GPU-00000000-0000-0000-0000-000000000000",
            PciId = "00000000:01:00.0",
            DriverVersion = "536.40",
            TemperatureCelsius = 41,
            UtilizationGpuPercent = 3,
            UtilizationMemoryPercent = 1,
            MemoryTotalBytes = 10_737_418_240,
            MemoryUsedBytes = 1_073_741_824,
            PowerDrawWatts = 22.5,
            FanSpeedPercent = 30,
            Timestamp = Timestamp,
        },
    ];

    public static IReadOnlyList<ContainerStatus> Containers() =>
    [
        new ContainerStatus
        {
            Id = "0123456789ab",
            Name = "plex",
            Image = "plexinc/pms-docker",
            Version = "latest",
            State = "running",
            Status = "Up 3 days",
            Health = "healthy",
            CpuPercent = 1.25,
            MemoryUsageBytes = 536_870_912,
            MemoryLimitBytes = 16_777_216_000,
            MemoryPercent = 3.2,
            NetworkRxBytes = 1_000_000,
            NetworkTxBytes = 2_000_000,
            NetworkRxBytesPerSec = 100.5,
            NetworkTxBytesPerSec = 200.25,
            Ports = [new PortMapping { PrivatePort = 32400, PublicPort = 32400, Type = "tcp" }],
            RestartCount = 0,
            RestartPolicy = "unless-stopped",
            NetworkMode = "none",
            IpAddress = "",
            Uptime = "3d 4h 12m",
            Timestamp = Timestamp,
        },
    ];

    /// <summary>A payload of every topic, by topic name, for golden and cross-encoding tests.</summary>
    public static IReadOnlyDictionary<string, object> ForEveryTopic() => new Dictionary<string, object>
    {
        ["system_update"] = System(),
        ["array_status_update"] = Array(),
        ["disk_list_update"] = Disks(2),
        ["share_list_update"] = Shares(),
        ["ups_status_update"] = Ups(),
        ["gpu_metrics_update"] = Gpus(),
        ["network_list_update"] = Network(),
        ["container_list_update"] = Containers(),
        ["source_status_changed"] = Source("ups", "unavailable"),
    };
}
