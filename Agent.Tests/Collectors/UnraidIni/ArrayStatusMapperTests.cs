using Agent.Collectors.UnraidIni;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.UnraidIni;

public sealed class ArrayStatusMapperTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    [SharedFixturesFact]
    public void Map_StartedDegraded_CountsSlotsAndParityIsNotValid()
    {
        var status = ArrayStatusMapper.Map(
            Shared("var.ini.unraid-7.3.1-started-degraded"),
            Shared("disks.ini.unraid-6.11-array-with-pool"),
            new FileSystemSpace(TotalBytes: 1000, FreeBytes: 250, AvailableBytes: 200),
            s_now);

        Assert.Equal("STARTED", status.State);
        Assert.Equal(5, status.NumDisks);
        Assert.Equal(3, status.NumDataDisks);
        Assert.Equal(1, status.NumParityDisks);
        Assert.False(status.ParityValid);
        Assert.Equal("", status.ParityCheckStatus);
        Assert.Equal(0, status.ParityCheckProgress);
        Assert.Equal(0, status.SyncErrors);
        Assert.Equal(1000, status.TotalBytes);
        Assert.Equal(750, status.UsedBytes);
        Assert.Equal(200, status.FreeBytes);
        Assert.Equal(75.0, status.UsedPercent);
        Assert.Equal(s_now, status.Timestamp);
    }

    [SharedFixturesFact]
    public void Map_Stopped_ReportsStateAndNoCapacity()
    {
        var status = ArrayStatusMapper.Map(Shared("var.ini.unraid-6.11.2-stopped"), Shared("disks.ini.unraid-6.11-array-with-pool"), null, s_now);

        Assert.Equal("STOPPED", status.State);
        Assert.Equal(4, status.NumDisks);
        Assert.Equal(0, status.TotalBytes);
        Assert.Equal(0, status.UsedPercent);
    }

    [Fact]
    public void Map_HealthyParity_IsValid()
    {
        var var = EmhttpIniParser.Parse("mdState=\"STARTED\"\nmdNumDisks=\"2\"\nmdNumInvalid=\"0\"\nsbSyncErrs=\"7\"");
        var disks = EmhttpIniParser.Parse(
            "[\"parity\"]\ndevice=\"sdb\"\nstatus=\"DISK_OK\"\ntype=\"Parity\"\n"
            + "[\"parity2\"]\ndevice=\"\"\nstatus=\"DISK_NP_DSBL\"\ntype=\"Parity\"\n"
            + "[\"disk1\"]\ndevice=\"sdc\"\nstatus=\"DISK_OK\"\ntype=\"Data\"");

        var status = ArrayStatusMapper.Map(var, disks, null, s_now);

        Assert.True(status.ParityValid);
        Assert.Equal(1, status.NumParityDisks);
        Assert.Equal(1, status.NumDataDisks);
        Assert.Equal(7, status.SyncErrors);
    }

    [Fact]
    public void Map_DisabledParityDisk_DoesNotCount()
    {
        var var = EmhttpIniParser.Parse("mdState=\"STARTED\"\nmdNumDisks=\"2\"\nmdNumInvalid=\"0\"");
        var disks = EmhttpIniParser.Parse("[\"parity\"]\ndevice=\"sdb\"\nstatus=\"DISK_DSBL\"\ntype=\"Parity\"");

        var status = ArrayStatusMapper.Map(var, disks, null, s_now);

        Assert.Equal(0, status.NumParityDisks);
        Assert.False(status.ParityValid);
    }

    [Theory]
    [InlineData("0", "100", "5", "check P", "", 0.0)]
    [InlineData("7812939750", "7000", "30", "check P", "running", 50.0)]
    [InlineData("7812939750", "7000", "30", "check", "running", 50.0)]
    [InlineData("7812939750", "0", "0", "check P Q", "paused", 50.0)]
    [InlineData("7812939750", "7000", "0", "check P", "paused", 50.0)]
    [InlineData("1562587960", "7000", "30", "recon P", "reconstructing", 10.0)]
    [InlineData("1562587960", "7000", "30", "recon D5", "reconstructing", 10.0)]
    [InlineData("1562587960", "7000", "30", "clear", "clearing", 10.0)]
    [InlineData("1562587960", "7000", "30", "", "running", 10.0)]
    [InlineData("99999999999", "7000", "30", "check P", "running", 100.0)]
    public void ParityOperation_ResyncKeys_GiveStatusAndProgress(
        string position,
        string blocks,
        string seconds,
        string action,
        string expectedStatus,
        double expectedProgress)
    {
        var var = EmhttpIniParser.Parse(
            $"mdState=\"STARTED\"\nmdNumDisks=\"3\"\nmdResyncSize=\"15625879500\"\nmdResyncPos=\"{position}\"\n"
            + $"mdResyncDb=\"{blocks}\"\nmdResyncDt=\"{seconds}\"\nmdResyncAction=\"{action}\"");

        var status = ArrayStatusMapper.Map(var, null, null, s_now);

        Assert.Equal(expectedStatus, status.ParityCheckStatus);
        Assert.Equal(expectedProgress, status.ParityCheckProgress, precision: 1);
    }

    [Theory]
    [InlineData("mdState=\"STARTED\"\nmdNumDisks=\"5\"", true)]
    [InlineData("mdState=\"STARTED\"", false)]
    [InlineData("mdNumDisks=\"5\"", false)]
    [InlineData("mdNumDisks=\"5\"\nmdState=\"STAR", false)]
    [InlineData("", false)]
    public void IsComplete_RequiredKeys_Decide(string text, bool expected)
    {
        Assert.Equal(expected, ArrayStatusMapper.IsComplete(EmhttpIniParser.Parse(text)));
    }

    [Fact]
    public void Map_NoState_IsUnknown()
    {
        var status = ArrayStatusMapper.Map(EmhttpIniParser.Parse("mdNumDisks=\"x\""), null, null, s_now);

        Assert.Equal("unknown", status.State);
        Assert.Equal(0, status.NumDisks);
    }

    private static IniDocument Shared(string file) => EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Shared("emhttp", file)));
}
