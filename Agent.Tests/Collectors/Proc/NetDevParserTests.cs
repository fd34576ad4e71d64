using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class NetDevParserTests
{
    [Fact]
    public void Parse_CapturedVm_ReadsEveryInterfaceWithItsCounters()
    {
        var counters = NetDevParser.Parse(ProcFixtures.Vm("net/dev"));

        Assert.Equal(["eth0", "ifb0", "ifb1", "lo"], counters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new NetDevCounters(420_849_401, 9955, 0, 595_168, 6398, 0), counters["eth0"]);
    }

    [Fact]
    public void Parse_LongNameWithoutSpaceAfterColon_SplitsOnTheColon()
    {
        const string text = "Inter-|   Receive\n face |bytes\ncompute0:8348 10 1 0 0 0 0 0 99 9 2 0 0 0 0 0\n";

        var counters = NetDevParser.Parse(text);

        Assert.Equal(new NetDevCounters(8348, 10, 1, 99, 9, 2), counters["compute0"]);
    }

    [Theory]
    [InlineData("eth0: 1 2 3\n")]
    [InlineData(": 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n")]
    [InlineData("eth0: a 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n")]
    public void Parse_MalformedLine_SkipsIt(string text)
    {
        Assert.Empty(NetDevParser.Parse(text));
    }

    [Fact]
    public void Parse_CounterBeyondSignedRange_KeepsUnsignedValue()
    {
        var counters = NetDevParser.Parse("eth0: 18446744073709551615 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");

        Assert.Equal(ulong.MaxValue, counters["eth0"].RxBytes);
        Assert.Equal(long.MaxValue, ProcText.ToWire(counters["eth0"].RxBytes));
    }
}
