using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class CpuUsageCalculatorTests
{
    [Fact]
    public void Update_FirstSample_ReportsAverageSinceBoot()
    {
        var calculator = new CpuUsageCalculator();

        var usage = calculator.Update(ProcStatParser.Parse("cpu  30 0 10 50 10\ncpu0 30 0 10 50 10\n"));

        Assert.Equal(40, usage.TotalPercent, 6);
        Assert.Equal(40, usage.PerCorePercent["cpu0"], 6);
    }

    [Fact]
    public void Update_SecondCapturedSample_ReportsTheDeltaBetweenThem()
    {
        var calculator = new CpuUsageCalculator();
        calculator.Update(ProcStatParser.Parse(ProcFixtures.Vm("stat")));

        var usage = calculator.Update(ProcStatParser.Parse(ProcFixtures.Vm("stat.later")));

        // Captured: cpu  87552 270 14623 144882 471 0 229 1666 after 85234 270 14349 144881 471 0 229 1657.
        var busy = (87552 - 85234) + (14623 - 14349) + (1666 - 1657);
        Assert.Equal(100.0 * busy / (busy + 1), usage.TotalPercent, 6);
        Assert.Equal(["cpu0", "cpu1"], usage.PerCorePercent.Keys.Order());
    }

    [Fact]
    public void Update_NoTicksBetweenSamples_ReportsZero()
    {
        var calculator = new CpuUsageCalculator();
        calculator.Update(ProcStatParser.Parse("cpu  5 0 5 10\n"));

        var usage = calculator.Update(ProcStatParser.Parse("cpu  5 0 5 10\n"));

        Assert.Equal(0, usage.TotalPercent);
    }

    [Fact]
    public void Update_CountersWentBackwards_MeasuresSinceBootInstead()
    {
        var calculator = new CpuUsageCalculator();
        calculator.Update(ProcStatParser.Parse("cpu  500 0 0 500\ncpu0 500 0 0 500\n"));

        var usage = calculator.Update(ProcStatParser.Parse("cpu  10 0 0 30\ncpu0 10 0 0 30\n"));

        Assert.Equal(25, usage.PerCorePercent["cpu0"], 6);
    }

    [Fact]
    public void Update_CpuCameOnlineAndAnotherLeft_TracksEachByNumber()
    {
        var calculator = new CpuUsageCalculator();
        calculator.Update(ProcStatParser.Parse("cpu  20 0 0 20\ncpu0 10 0 0 10\ncpu1 10 0 0 10\n"));

        var usage = calculator.Update(ProcStatParser.Parse("cpu  40 0 0 40\ncpu0 20 0 0 10\ncpu2 50 0 0 50\n"));

        Assert.Equal(["cpu0", "cpu2"], usage.PerCorePercent.Keys.Order());
        Assert.Equal(100, usage.PerCorePercent["cpu0"], 6);
        Assert.Equal(50, usage.PerCorePercent["cpu2"], 6);
    }

    [Fact]
    public void Update_NoAggregateLine_AveragesTheCores()
    {
        var calculator = new CpuUsageCalculator();

        var usage = calculator.Update(ProcStatParser.Parse("cpu0 10 0 0 10\ncpu1 0 0 0 10\n"));

        Assert.Equal(25, usage.TotalPercent, 6);
    }
}
