using Agent.Collectors.UnraidIni;
using Agent.Contracts.Dtos.Array;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.UnraidIni;

public sealed class DiskListMapperTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    [SharedFixturesFact]
    public void Map_ArrayWithPool_OneEntryPerSlotWithADevice()
    {
        var disks = MapShared();

        Assert.Equal(["parity", "disk1", "disk2", "disk3", "cache", "cache2", "flash"], disks.Select(d => d.Id));
        Assert.Equal(["parity", "data", "data", "data", "cache", "cache", "flash"], disks.Select(d => d.Role));
        Assert.Equal(["sdh", "sdf", "sdj", "sde", "sdi", "nvme0n1", "sda"], disks.Select(d => d.Device));
    }

    [SharedFixturesFact]
    public void Map_DataDisk_SizesInBytesFromKiB()
    {
        var disk1 = MapShared().Single(d => d.Id == "disk1");

        Assert.Equal(17578328012L * 1024, disk1.SizeBytes);
        Assert.Equal(4019534200L * 1024, disk1.UsedBytes);
        Assert.Equal(13557363020L * 1024, disk1.FreeBytes);
        Assert.Equal(22.9, disk1.UsagePercent);
        Assert.Equal("DISK_OK", disk1.Status);
        Assert.Equal(30, disk1.TemperatureCelsius);
        Assert.Equal("active", disk1.SpinState);
        Assert.Equal(50, disk1.TempWarningCelsius);
        Assert.Equal(75, disk1.TempCriticalCelsius);
        Assert.Equal("xfs", disk1.Filesystem);
        Assert.Equal("/mnt/disk1", disk1.MountPoint);
        Assert.Equal("ST18000NM000J-2TV103_XXXX0002", disk1.SerialNumber);
        Assert.Equal("ST18000NM000J-2TV103", disk1.Model);
        Assert.Equal(0, disk1.SpindownDelay);
        Assert.Equal(s_now, disk1.Timestamp);
    }

    [SharedFixturesFact]
    public void Map_ParityAndPoolMembers_HaveNoFileSystemOfTheirOwn()
    {
        var disks = MapShared();
        var parity = disks.Single(d => d.Id == "parity");
        var cache2 = disks.Single(d => d.Id == "cache2");
        var cache = disks.Single(d => d.Id == "cache");

        Assert.Equal("", parity.Filesystem);
        Assert.Equal("", parity.MountPoint);
        Assert.Null(parity.TempWarningCelsius);
        Assert.Equal("", cache2.MountPoint);
        Assert.Equal("KINGSTON SA2000M8250G", cache2.Model);
        Assert.Equal("/mnt/cache", cache.MountPoint);
        Assert.Equal("btrfs", cache.Filesystem);
    }

    [SharedFixturesFact]
    public void Map_FlashWithoutSensor_IsAwakeAtZeroDegrees()
    {
        var flash = MapShared().Single(d => d.Id == "flash");

        Assert.Equal("active", flash.SpinState);
        Assert.Equal(0, flash.TemperatureCelsius);
        Assert.Equal("/boot", flash.MountPoint);
        Assert.Equal("vfat", flash.Filesystem);
        Assert.Equal(3956700L * 1024, flash.SizeBytes);
    }

    [Fact]
    public void Map_SpunDownDisks_StandbyAtZeroDegrees()
    {
        var disks = DiskListMapper.Map(Owned("disks-spun-down.ini"), s_now);

        Assert.All(disks, d => Assert.Equal("standby", d.SpinState));
        Assert.All(disks, d => Assert.Equal(0, d.TemperatureCelsius));
        Assert.Equal([30, 120], disks.Select(d => d.SpindownDelay));
        Assert.Equal(2, disks.Single(d => d.Id == "disk1").SmartErrors);
    }

    [Fact]
    public void Map_OldFileWithoutSpundownKey_StarTemperatureIsStandby()
    {
        var disk = Assert.Single(DiskListMapper.Map(Owned("disks-6.9-no-spundown-key.ini"), s_now));

        Assert.Equal("standby", disk.SpinState);
        Assert.Equal(0, disk.TemperatureCelsius);
        Assert.Equal("unknown", disk.SmartStatus);
    }

    [Theory]
    [InlineData("[\"parity2\"]\ndevice=\"sdk\"\ntype=\"Parity\"", "parity2")]
    [InlineData("[\"disk7\"]\ndevice=\"sdk\"\ntype=\"Data\"", "data")]
    [InlineData("[\"disk7\"]\ndevice=\"sdk\"", "data")]
    [InlineData("[\"fast\"]\ndevice=\"nvme1n1\"\ntype=\"Cache\"\nslots=\"2\"", "pool")]
    [InlineData("[\"cache\"]\ndevice=\"nvme1n1\"\ntype=\"Cache\"", "cache")]
    [InlineData("[\"flash\"]\ndevice=\"sda\"", "flash")]
    [InlineData("[\"odd\"]\ndevice=\"sdz\"\ntype=\"Unheard\"", "unknown")]
    public void Map_SlotKinds_GiveRoles(string text, string role)
    {
        var disk = Assert.Single(DiskListMapper.Map(EmhttpIniParser.Parse(text), s_now));

        Assert.Equal(role, disk.Role);
        Assert.Equal("unknown", disk.Status);
    }

    [Fact]
    public void Map_MembersOfANamedPool_ArePool()
    {
        var disks = DiskListMapper.Map(
            EmhttpIniParser.Parse(
                "[\"cache\"]\ndevice=\"sdb\"\ntype=\"Cache\"\nslots=\"1\"\n[\"abc\"]\ndevice=\"sdc\"\ntype=\"Cache\"\nslots=\"2\"\n"
                + "[\"abc2\"]\ndevice=\"sdd\"\ntype=\"Cache\""),
            s_now);

        Assert.Equal(["cache", "pool", "pool"], disks.Select(d => d.Role));
    }

    [Theory]
    [InlineData("[\"disk1\"]\nstatus=\"DISK_OK\"", true)]
    [InlineData("[\"disk1\"]\nstatus=\"DISK_OK\"\n[\"disk2\"]\nidx=\"2\"", false)]
    [InlineData("[\"disk1\"]\nstatus=\"DISK_OK\"\nid=\"WDC_", false)]
    [InlineData("", false)]
    public void IsComplete_LastSlot_Decides(string text, bool expected)
    {
        Assert.Equal(expected, DiskListMapper.IsComplete(EmhttpIniParser.Parse(text)));
    }

    private static IReadOnlyList<DiskStatus> MapShared() =>
        DiskListMapper.Map(EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Shared("emhttp", "disks.ini.unraid-6.11-array-with-pool"))), s_now);

    private static IniDocument Owned(string file) => EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Owned("UnraidIni", file)));
}
