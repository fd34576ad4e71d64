using Agent.LoadTest;

namespace Agent.Tests.LoadTest;

public sealed class LoadTestOptionsParserTests
{
    [Fact]
    public void Parse_FullCommandLine_ReadsEveryOption()
    {
        var options = LoadTestOptionsParser.Parse(
            ["http://127.0.0.1:8043", "12", "60", "--transport", "mixed", "--groups", "system,network", "--output", "r.json"],
            out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal(new Uri("http://127.0.0.1:8043/"), options.BaseAddress);
        Assert.Equal(12, options.Clients);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Duration);
        Assert.Equal(TransportMode.Mixed, options.Transport);
        Assert.Equal(["system", "network"], options.Groups);
        Assert.Equal("r.json", options.OutputPath);
        Assert.Equal(
            [TransportKind.Raw, TransportKind.SignalrJson, TransportKind.SignalrMessagepack],
            [.. Enumerable.Range(0, 3).Select(options.TransportOf)]);
    }

    [Theory]
    [InlineData("http://localhost:8043")]
    [InlineData("http://[::1]:8043")]
    [InlineData("http://127.1.2.3:8043")]
    public void Parse_LoopbackAddress_IsAccepted(string url)
    {
        Assert.NotNull(LoadTestOptionsParser.Parse([url, "1", "1"], out _));
    }

    [Theory]
    [InlineData(new[] { "http://example.invalid:8043", "1", "1" }, "loopback")]
    [InlineData(new[] { "ftp://127.0.0.1", "1", "1" }, "http://")]
    [InlineData(new[] { "http://127.0.0.1", "0", "1" }, "above 0")]
    [InlineData(new[] { "http://127.0.0.1", "1" }, "three arguments")]
    public void Parse_BadArguments_FailsSayingWhy(string[] args, string expected)
    {
        var options = LoadTestOptionsParser.Parse(args, out var error);

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--transport", "carrier-pigeon", "unknown transport")]
    [InlineData("--groups", "system,bogus", "'bogus'")]
    [InlineData("--hold", "-1", "seconds above 0")]
    [InlineData("--frobnicate", "1", "unknown option")]
    public void Parse_BadOption_FailsSayingWhy(string name, string value, string expected)
    {
        var options = LoadTestOptionsParser.Parse(["http://127.0.0.1:1", "1", "1", name, value], out var error);

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
