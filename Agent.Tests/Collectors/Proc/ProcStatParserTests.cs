using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class ProcStatParserTests
{
    [Fact]
    public void Parse_CapturedVm_ReadsAggregateAndEveryCpu()
    {
        var sample = ProcStatParser.Parse(ProcFixtures.Vm("stat"));

        Assert.Equal(new CpuTimes(-1, 85234, 270, 14349, 144881, 471, 0, 229, 1657), sample.Aggregate);
        Assert.Equal([0, 1], sample.Cores.Select(core => core.Id));
        Assert.Equal(new CpuTimes(1, 44323, 167, 7566, 70062, 387, 0, 212, 810), sample.Cores[1]);
    }

    [Theory]
    [InlineData("cpu  1 2 3 4\ncpu0 1 2 3 4\n", 10UL)]
    [InlineData("cpu  1 2 3 4 5 6 7 8 9 10\n", 36UL)]
    [InlineData("cpu\t1 1 1 1 1 1 1 1\n", 8UL)]
    public void Parse_ColumnCounts_SumsOnlyNonGuestColumns(string text, ulong totalTicks)
    {
        var sample = ProcStatParser.Parse(text);

        Assert.Equal(totalTicks, sample.Aggregate!.Value.TotalTicks);
    }

    [Theory]
    [InlineData("intr 1 2 3\nctxt 5\n")]
    [InlineData("")]
    [InlineData("cpu  x y z\ncpuX 1 2 3\n")]
    public void Parse_NoUsableCpuLines_ReturnsEmptySample(string text)
    {
        var sample = ProcStatParser.Parse(text);

        Assert.Null(sample.Aggregate);
        Assert.Empty(sample.Cores);
    }

    [Fact]
    public void Parse_OfflineCpuInTheMiddle_KeepsKernelNumbers()
    {
        var sample = ProcStatParser.Parse("cpu  4 0 0 4\ncpu0 2 0 0 2\ncpu3 2 0 0 2\nintr 1\n");

        Assert.Equal([0, 3], sample.Cores.Select(core => core.Id));
    }
}
