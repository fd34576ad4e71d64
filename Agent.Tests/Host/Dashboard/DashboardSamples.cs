using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Dtos.Ups;

namespace Agent.Tests.Host.Dashboard;

/// <summary>
/// Payloads the dashboard tests inject. Values follow the shared corpus: the CPU, load and uptime of
/// <c>proc/node_exporter</c> and <c>proc/jamescun/uptime</c>, the disks of <c>emhttp/disks.ini.unraid-6.11-array-with-pool</c>,
/// the shares of <c>emhttp/shares.ini</c>, the UPS of <c>nut/APC__Back-UPS_XS_1000M__usbhid-ups__2.7.4.1__01.dev</c>, the
/// containers of <c>docker/containers-json-all_watchtower_exited-and-running.json</c>, the address of
/// <c>emhttp/network.ini.bond-bridge</c>.
/// </summary>
internal static class DashboardSamples
{
    private const long GiB = 1024L * 1024 * 1024;
    private const long TiB = 1024 * GiB;

    public static SystemSnapshot System(string hostname = "Tower") => new()
    {
        Hostname = hostname,
        Version = "6.11.2",
        AgentVersion = "0.1.0",
        KernelVersion = "5.19.17-Unraid",
        UptimeSeconds = 16072645,
        CpuUsagePercent = 23.5,
        CpuPerCoreUsage = Enumerable.Range(0, 8).ToDictionary(i => $"cpu{i}", i => 10.0 + (i * 5)),
        CpuModel = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz",
        CpuCores = 4,
        CpuThreads = 8,
        CpuMhz = 1900,
        CpuTempCelsius = 48,
        Temperatures = [new() { Name = "Package id 0", ValueCelsius = 48, SensorType = "cpu", Source = "coretemp" }],
        Fans = [new() { Name = "fan1", Rpm = 1180 }],
        RamTotalBytes = 16 * GiB,
        RamUsedBytes = 6 * GiB,
        RamFreeBytes = 10 * GiB,
        RamUsagePercent = 37.5,
        LoadAverage1Minute = 0.21,
        LoadAverage5Minutes = 0.37,
        LoadAverage15Minutes = 0.39,
        Timestamp = DateTimeOffset.Now,
    };

    public static ArrayStatus Array() => new()
    {
        State = "STARTED",
        NumDisks = 4,
        NumDataDisks = 3,
        NumParityDisks = 1,
        ParityValid = true,
        ParityCheckStatus = "running",
        ParityCheckProgress = 42.5,
        TotalBytes = 40 * TiB,
        UsedBytes = 10 * TiB,
        FreeBytes = 30 * TiB,
        UsedPercent = 25,
        Timestamp = DateTimeOffset.Now,
    };

    public static IReadOnlyList<DiskStatus> Disks() =>
    [
        Disk("parity", "sdh", "parity", 17578328012, 25, "active"),
        Disk("disk1", "sdf", "data", 17578328012, 30, "active"),
        Disk("disk2", "sdj", "data", 11718885324, 0, "standby"),
    ];

    public static IReadOnlyList<ShareStatus> Shares() =>
    [
        new()
        {
            Name = "appdata", Storage = "cache", TotalBytes = 500 * GiB, UsedBytes = 125 * GiB, FreeBytes = 375 * GiB,
            UsagePercent = 25, SmbExport = true, Timestamp = DateTimeOffset.Now,
        },
    ];

    public static UpsStatus Ups(string status = "OL", double chargePercent = 100) => new()
    {
        Connected = true,
        Status = status,
        LoadPercent = 2,
        BatteryChargePercent = chargePercent,
        RuntimeLeftSeconds = 13032,
        PowerWatts = 12,
        NominalPowerWatts = 600,
        InputVoltage = 120,
        OutputVoltage = 120,
        BatteryVoltage = 13.8,
        Model = "Back-UPS XS 1000M",
        Name = "ups",
        Backend = "nut",
        Timestamp = DateTimeOffset.Now,
    };

    public static IReadOnlyList<NetworkInterfaceStatus> Network() =>
    [
        new()
        {
            Name = "eth0", State = "up", SpeedMbps = 1000, IpAddress = "192.0.2.150", Mtu = 1500,
            BytesReceived = 5 * GiB, BytesSent = 2 * GiB, RxBytesPerSec = 125000, TxBytesPerSec = 40000,
            Timestamp = DateTimeOffset.Now,
        },
    ];

    public static IReadOnlyList<ContainerStatus> Containers() =>
    [
        Container("watchtower", "containrrr/watchtower", "running", "Up 2 hours", 0.4, 9_000_000),
        Container("gluetun", "qmcgaw/gluetun", "exited", "Exited (0) 3 days ago", 0, 0),
    ];

    private static DiskStatus Disk(string name, string device, string role, long sizeKiB, double celsius, string spin) => new()
    {
        Id = $"WDC_WD180EDGZ-11B2DA0_XXXX{device}",
        Name = name,
        Device = device,
        Role = role,
        Status = "DISK_OK",
        SizeBytes = sizeKiB * 1024,
        TemperatureCelsius = celsius,
        SpinState = spin,
        Filesystem = role == "parity" ? "" : "xfs",
        Timestamp = DateTimeOffset.Now,
    };

    private static ContainerStatus Container(string name, string image, string state, string status, double cpu, long memory) => new()
    {
        Id = Convert.ToHexStringLower(global::System.Security.Cryptography.SHA256.HashData(global::System.Text.Encoding.UTF8.GetBytes(name)))[..12],
        Name = name,
        Image = image,
        State = state,
        Status = status,
        CpuPercent = cpu,
        MemoryUsageBytes = memory,
        Uptime = state == "running" ? "2h 0m" : "",
        Timestamp = DateTimeOffset.Now,
    };
}
