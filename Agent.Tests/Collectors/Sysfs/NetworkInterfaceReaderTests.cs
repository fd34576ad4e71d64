using Agent.Collectors.Sysfs;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Sysfs;

public sealed class NetworkInterfaceReaderTests
{
    private static NetworkInterfaceReader VmReader() =>
        new(TestPaths.Owned("Sysfs", "vm-virtio"), TestPaths.Owned("Proc", "vm-epyc-2cpu"), readOsAddresses: false);

    [Fact]
    public async Task Read_CapturedVm_LeavesOutLoopback()
    {
        var scan = await VmReader().ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(["eth0", "ifb0"], scan.Interfaces.Select(i => i.Name));
    }

    [Fact]
    public async Task Read_CapturedVm_ReadsEth0FromSysfsAndIpv6FromProc()
    {
        var scan = await VmReader().ReadAsync(CancellationToken.None).WithTimeout();

        var eth0 = scan.Interfaces[0];
        Assert.Equal(("02:fc:00:00:00:01", "up", 1400, -1L), (eth0.MacAddress, eth0.State, eth0.Mtu, eth0.SpeedMbps));
        Assert.Equal(["fe80::fc:ff:fe00:1", "fd00::2"], eth0.Ipv6Addresses);
        Assert.Equal("", eth0.IpAddress);
        Assert.True(eth0.Counters.RxBytes > 0);
    }

    [Fact]
    public async Task Read_DownInterfaceWithUnreadableSpeed_ReportsMinusOne()
    {
        var scan = await VmReader().ReadAsync(CancellationToken.None).WithTimeout();

        var ifb0 = scan.Interfaces[1];
        Assert.Equal(("down", -1L), (ifb0.State, ifb0.SpeedMbps));
        Assert.Empty(ifb0.Ipv6Addresses);
    }

    [Fact]
    public async Task Read_FolderWithoutAnyFile_ReportsDefaults()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "class", "net", "wg0"));

        var scan = await new NetworkInterfaceReader(folder.Path, folder.Path, readOsAddresses: false).ReadAsync(CancellationToken.None).WithTimeout();

        var wg0 = Assert.Single(scan.Interfaces);
        Assert.Equal(("", "unknown", 0, -1L, 0UL), (wg0.MacAddress, wg0.State, wg0.Mtu, wg0.SpeedMbps, wg0.Counters.RxBytes));
    }

    [Fact]
    public async Task Read_NoNetClass_ReportsAbsent()
    {
        using var folder = new TempFolder();

        var scan = await new NetworkInterfaceReader(folder.Path, folder.Path, readOsAddresses: false).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.False(scan.IsPresent);
    }

    [Fact]
    public async Task Read_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => VmReader().ReadAsync(cancelled.Token));
    }

    [Theory]
    [InlineData("/sys", true)]
    [InlineData("/sys/", true)]
    [InlineData("/tmp/fixture/sys", false)]
    public void IsRealSys_Path_RecognisesTheRealMount(string path, bool isReal)
    {
        Assert.Equal(isReal, NetworkCollector.IsRealSys(path));
    }
}
