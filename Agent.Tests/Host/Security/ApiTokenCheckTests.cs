using Agent.Host.Configuration;
using Agent.Host.Security;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Host.Security;

public sealed class ApiTokenCheckTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "ab", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc", "", false)]
    [InlineData("abc", null, false)]
    [InlineData("", "", false)]
    [InlineData("ünïcödé", "ünïcödé", true)]
    public void Matches_PresentedToken_ComparesWholeToken(string configured, string? presented, bool expected)
    {
        var check = new ApiTokenCheck(Options.Create(new AgentOptions { ApiToken = configured }));

        var matches = check.Matches(presented);

        Assert.Equal(expected, matches);
        Assert.Equal(configured.Length > 0, check.IsRequired);
    }
}
