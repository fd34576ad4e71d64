using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class SmallProcFileParserTests
{
    [Theory]
    [InlineData("0.21 0.37 0.39 1/719 19737\n", 0.21, 0.37, 0.39)]
    [InlineData("12.00 8.50 4.25 3/113 10524", 12.0, 8.5, 4.25)]
    public void LoadavgTryParse_KernelLine_ReadsThreeAverages(string text, double one, double five, double fifteen)
    {
        var parsed = LoadavgParser.TryParse(text, out var load);

        Assert.True(parsed);
        Assert.Equal(new LoadAverages(one, five, fifteen), load);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0.21 0.37")]
    [InlineData("a b c 1/2 3")]
    [InlineData("NaN 1 1")]
    public void LoadavgTryParse_Truncated_Fails(string text)
    {
        Assert.False(LoadavgParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("16072645.20 192637915.46\n", 16072645L)]
    [InlineData("1236.82 1448.81\n", 1236L)]
    [InlineData("0.00 0.00", 0L)]
    public void UptimeTryParse_KernelLine_ReadsSecondsSinceBoot(string text, long seconds)
    {
        var parsed = UptimeParser.TryParse(text, out var uptime);

        Assert.True(parsed);
        Assert.Equal(seconds, (long)uptime.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-5 1")]
    [InlineData("abc")]
    public void UptimeTryParse_NotAnUptime_Fails(string text)
    {
        Assert.False(UptimeParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData("version=\"6.12.4\"\n", "6.12.4")]
    [InlineData("version=\"7.3.1\"", "7.3.1")]
    [InlineData("# Unraid\nversion='6.9.0-beta25'\n", "6.9.0-beta25")]
    [InlineData("6.11.2\n", "6.11.2")]
    [InlineData("", "")]
    [InlineData("other=\"x\"\n", "")]
    public void UnraidVersionParse_FileForms_ReturnsVersion(string text, string version)
    {
        Assert.Equal(version, UnraidVersionParser.Parse(text));
    }
}
