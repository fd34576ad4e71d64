using Agent.LoadTest;

namespace Agent.Tests.LoadTest;

public sealed class GrowthRuleTests
{
    private const double MiB = 1024 * 1024;

    [Fact]
    public void Judge_SteadyLeak_Fails()
    {
        var samples = Series(60, t => (100 * MiB) + (t * 5 * MiB));

        var verdict = GrowthRule.ResidentMemory.Judge(samples);

        Assert.False(verdict.Passed, verdict.Detail);
    }

    [Fact]
    public void Judge_FlatWithNoise_Passes()
    {
        var samples = Series(60, t => (100 * MiB) + (t % 2 == 0 ? 3 * MiB : -3 * MiB));

        var verdict = GrowthRule.ResidentMemory.Judge(samples);

        Assert.True(verdict.Passed, verdict.Detail);
    }

    [Fact]
    public void Judge_StepThatSettles_Passes()
    {
        var samples = Series(60, t => t < 22 ? 20 : 60);

        var verdict = GrowthRule.Threads.Judge(samples);

        Assert.True(verdict.Passed, verdict.Detail);
    }

    [Fact]
    public void Judge_TooFewSamples_PassesSayingSo()
    {
        var verdict = GrowthRule.OpenHandles.Judge(Series(5, t => t * 1000));

        Assert.True(verdict.Passed);
        Assert.Contains("at least 8", verdict.Detail, StringComparison.Ordinal);
    }

    private static (double Seconds, double Value)[] Series(int count, Func<int, double> value) =>
        [.. Enumerable.Range(0, count).Select(t => ((double)t, value(t)))];
}
