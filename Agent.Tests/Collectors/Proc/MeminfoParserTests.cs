using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class MeminfoParserTests
{
    [Fact]
    public void Parse_CapturedVm_ReadsKibibytesAsBytes()
    {
        var memory = MeminfoParser.Parse(ProcFixtures.Vm("meminfo"));

        Assert.Equal(24_683_664L * 1024, memory.TotalBytes);
        Assert.Equal(21_463_784L * 1024, memory.FreeBytes);
        Assert.Equal(23_242_932L * 1024, memory.AvailableBytes);
        Assert.Equal(13_292L * 1024, memory.BuffersBytes);
        Assert.Equal(2_222_912L * 1024, memory.CachedBytes);
        Assert.Equal((24_683_664L - 23_242_932L) * 1024, memory.UsedBytes);
    }

    [Fact]
    public void Parse_CapturedVmWithoutSwap_ReportsZeroSwap()
    {
        var memory = MeminfoParser.Parse(ProcFixtures.Vm("meminfo"));

        Assert.Equal(0, memory.SwapTotalBytes);
        Assert.Equal(0, memory.SwapUsedBytes);
    }

    [Theory]
    [InlineData("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n", 600 * 1024)]
    [InlineData("MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 700 kB\nBuffers: 50 kB\n", 300 * 1024)]
    [InlineData("MemTotal:\t1000 kB\nMemFree:\t2000 kB\n", 0)]
    public void Parse_WithOrWithoutMemAvailable_ComputesUsed(string text, long usedBytes)
    {
        var memory = MeminfoParser.Parse(text);

        Assert.Equal(usedBytes, memory.UsedBytes);
    }

    [Theory]
    [InlineData("HugePages_Total:       4\nMemTotal: 8 kB\n", 8 * 1024)]
    [InlineData("MemTotal: garbage kB\n", 0)]
    [InlineData("", 0)]
    [InlineData("MemTotal 8 kB\n", 0)]
    public void Parse_OddLines_KeepsOnlyWhatParses(string text, long totalBytes)
    {
        var memory = MeminfoParser.Parse(text);

        Assert.Equal(totalBytes, memory.TotalBytes);
    }

    [Fact]
    public void Parse_SwapInUse_ReportsUsedSwap()
    {
        var memory = MeminfoParser.Parse("SwapTotal: 2048 kB\nSwapFree: 512 kB\n");

        Assert.Equal(1536 * 1024, memory.SwapUsedBytes);
        Assert.Equal(512 * 1024, memory.SwapFreeBytes);
    }
}
