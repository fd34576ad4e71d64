using Agent.Collectors.Ups;

namespace Agent.Tests.Collectors.Ups;

public sealed class UpsOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new UpsOptionsValidator().Validate(null, new UpsOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Backend", "usb", "Backend")]
    [InlineData("Apcupsd", "127.0.0.1", "Apcupsd")]
    [InlineData("Nut", "127.0.0.1:99999", "Nut")]
    [InlineData("Nut", ":3493", "Nut")]
    public void Validate_BadSetting_FailsNamingTheSetting(string setting, string value, string named)
    {
        var options = new UpsOptions();
        typeof(UpsOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new UpsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeroReadTimeout_Fails()
    {
        var result = new UpsOptionsValidator().Validate(null, new UpsOptions { ReadTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
    }

    [Theory]
    [InlineData("127.0.0.1:3551", "127.0.0.1", 3551)]
    [InlineData("localhost:3493", "localhost", 3493)]
    [InlineData("[::1]:3493", "::1", 3493)]
    public void TryParse_HostAndPort_SplitsThem(string text, string host, int port)
    {
        Assert.True(UpsAddress.TryParse(text, out var address));
        Assert.Equal((host, port), (address.Host, address.Port));
    }
}
