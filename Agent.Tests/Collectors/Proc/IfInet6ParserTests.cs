using Agent.Collectors.Proc;

namespace Agent.Tests.Collectors.Proc;

public sealed class IfInet6ParserTests
{
    [Fact]
    public void Parse_CapturedVm_ReadsAddressesInKernelOrder()
    {
        var addresses = IfInet6Parser.Parse(ProcFixtures.Vm("net/if_inet6"));

        Assert.Equal(["fe80::fc:ff:fe00:1", "fd00::2"], addresses["eth0"]);
        Assert.Equal(["::1"], addresses["lo"]);
    }

    [Theory]
    [InlineData("zz800000000000000000000000000001 02 40 20 80 eth0\n")]
    [InlineData("fe80 02 40 20 80 eth0\n")]
    [InlineData("fe800000000000000000000000000001 02 40 20 80\n")]
    [InlineData("")]
    public void Parse_MalformedLine_SkipsIt(string text)
    {
        Assert.Empty(IfInet6Parser.Parse(text));
    }
}
