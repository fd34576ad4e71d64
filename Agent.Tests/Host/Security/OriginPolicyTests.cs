using Agent.Host.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Host.Security;

public sealed class OriginPolicyTests
{
    [Theory]
    [InlineData(null, "tower:8043", true)]
    [InlineData("", "tower:8043", true)]
    [InlineData("http://tower:8043", "tower:8043", true)]
    [InlineData("http://TOWER:8043/", "tower:8043", true)]
    [InlineData("http://tower", "tower", true)]
    [InlineData("http://tower:80", "tower", true)]
    [InlineData("http://[::1]:8043", "[::1]:8043", true)]
    [InlineData("http://tower:8044", "tower:8043", false)]
    [InlineData("http://evil.example", "tower:8043", false)]
    [InlineData("null", "tower:8043", false)]
    [InlineData("http://ha.local:8123", "tower:8043", true)]
    [InlineData("https://ha.local:8123", "tower:8043", false)]
    [InlineData("file://", "tower:8043", false)]
    public void IsAllowed_Origin_FollowsRules(string? origin, string host, bool expected)
    {
        var policy = new OriginPolicy(Options.Create(new OriginOptions { AllowedOrigins = ["http://ha.local:8123/"] }));

        var allowed = policy.IsAllowed(origin, new HostString(host), "http");

        Assert.Equal(expected, allowed);
    }

    [Theory]
    [InlineData("http://ha.local:8123", true)]
    [InlineData("https://ha.local", true)]
    [InlineData("ha.local:8123", false)]
    [InlineData("http://ha.local/path", false)]
    [InlineData("ftp://ha.local", false)]
    public void Validate_Entry_AcceptsOnlyBareOrigins(string origin, bool valid)
    {
        var result = new OriginOptionsValidator().Validate(null, new OriginOptions { AllowedOrigins = [origin] });

        Assert.Equal(valid, result.Succeeded);
    }
}
