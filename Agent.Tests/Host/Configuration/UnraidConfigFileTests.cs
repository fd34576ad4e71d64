using Agent.Host.Configuration;

namespace Agent.Tests.Host.Configuration;

public sealed class UnraidConfigFileTests
{
    [Fact]
    public void Parse_EveryKnownName_MapsToItsSetting()
    {
        var text = string.Join(
            '\n',
            "PORT=\"8044\"",
            "BIND_ADDRESS=\"127.0.0.1\"",
            "MAX_CLIENTS=\"25\"",
            "API_TOKEN=\"s3cret-token\"",
            "READ_ONLY=\"yes\"",
            "INTERVAL_SYSTEM=\"5\"",
            "INTERVAL_ARRAY=\"30\"",
            "INTERVAL_DISK=\"600\"",
            "INTERVAL_SHARES=\"120\"",
            "INTERVAL_UPS=\"10\"",
            "INTERVAL_GPU=\"0\"",
            "INTERVAL_NETWORK=\"15\"",
            "INTERVAL_DOCKER=\"20\"");

        var settings = UnraidConfigFile.Parse(text, "config.cfg");

        Assert.Equal("8044", settings["Agent:Port"]);
        Assert.Equal("127.0.0.1", settings["Agent:BindAddress"]);
        Assert.Equal("25", settings["Agent:MaxClients"]);
        Assert.Equal("s3cret-token", settings["Agent:ApiToken"]);
        Assert.Equal("true", settings["Agent:ReadOnly"]);
        Assert.Equal("5", settings["Agent:Intervals:System"]);
        Assert.Equal("30", settings["Agent:Intervals:Array"]);
        Assert.Equal("600", settings["Agent:Intervals:Disks"]);
        Assert.Equal("120", settings["Agent:Intervals:Shares"]);
        Assert.Equal("10", settings["Agent:Intervals:Ups"]);
        Assert.Equal("0", settings["Agent:Intervals:Gpu"]);
        Assert.Equal("15", settings["Agent:Intervals:Network"]);
        Assert.Equal("20", settings["Agent:Intervals:Containers"]);
    }

    [Fact]
    public void Parse_CommentsBlankLinesCrLfAndUnknownNames_AreSkipped()
    {
        var text = "# written by the settings page\r\n\r\nMQTT_BROKER=\"\"\r\nLOG_LEVEL=\"info\"\r\n  PORT='9000'  \r\nMAX_CLIENTS=4\r\n";

        var settings = UnraidConfigFile.Parse(text, "config.cfg");

        Assert.Equal(2, settings.Count);
        Assert.Equal("9000", settings["Agent:Port"]);
        Assert.Equal("4", settings["Agent:MaxClients"]);
    }

    [Fact]
    public void Parse_RepeatedName_LastLineWins()
    {
        var settings = UnraidConfigFile.Parse("PORT=\"8043\"\nPORT=\"8050\"\n", "config.cfg");

        Assert.Equal("8050", settings["Agent:Port"]);
    }

    [Fact]
    public void Parse_EmptyBindAddressAndToken_MeanEveryInterfaceAndNoAuthentication()
    {
        var settings = UnraidConfigFile.Parse("BIND_ADDRESS=\"\"\nAPI_TOKEN=\"\"\n", "config.cfg");

        Assert.Equal("", settings["Agent:BindAddress"]);
        Assert.Equal("", settings["Agent:ApiToken"]);
    }

    [Theory]
    [InlineData("PORT=\"abc\"", "PORT", "Agent:Port")]
    [InlineData("PORT=\"0\"", "PORT", "Agent:Port")]
    [InlineData("PORT=\"70000\"", "PORT", "Agent:Port")]
    [InlineData("PORT=\"-1\"", "PORT", "Agent:Port")]
    [InlineData("MAX_CLIENTS=\"0\"", "MAX_CLIENTS", "Agent:MaxClients")]
    [InlineData("BIND_ADDRESS=\"localhost\"", "BIND_ADDRESS", "Agent:BindAddress")]
    [InlineData("READ_ONLY=\"maybe\"", "READ_ONLY", "Agent:ReadOnly")]
    [InlineData("INTERVAL_DOCKER=\"86401\"", "INTERVAL_DOCKER", "Agent:Intervals:Containers")]
    [InlineData("INTERVAL_DISK=\"1.5\"", "INTERVAL_DISK", "Agent:Intervals:Disks")]
    public void Parse_BadValue_ThrowsNamingKeyAndSetting(string line, string name, string key)
    {
        var error = Assert.Throws<UnraidSettingException>(() => UnraidConfigFile.Parse("# header\n" + line, "config.cfg"));

        Assert.Equal(name, error.Name);
        Assert.Contains($"Invalid setting {name} = ", error.Message, StringComparison.Ordinal);
        Assert.Contains("config.cfg line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PORT=\"8043", "PORT")]
    [InlineData("PORT=\"8043\" MAX_CLIENTS=\"3\"", "PORT")]
    [InlineData("PORT=$(reboot)", "PORT")]
    [InlineData("API_TOKEN=\"a`b`\"", "API_TOKEN")]
    [InlineData("PORT 8043", "")]
    public void Parse_MalformedLine_ThrowsNamingKeyWhenThereIsOne(string line, string name)
    {
        var error = Assert.Throws<UnraidSettingException>(() => UnraidConfigFile.Parse(line, "config.cfg"));

        Assert.Equal(name, error.Name);
        Assert.Contains("config.cfg line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadToken_NeverRepeatsTheToken()
    {
        var error = Assert.Throws<UnraidSettingException>(() => UnraidConfigFile.Parse("API_TOKEN=\"my secret\"", "config.cfg"));

        Assert.Equal("API_TOKEN", error.Name);
        Assert.DoesNotContain("my secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_GoAgentNames_AreMappedAndOthersIgnored()
    {
        var variables = new Dictionary<string, string> { ["PORT"] = "8099", ["INTERVAL_UPS"] = "7", ["HOME"] = "/root" };

        var settings = UnraidConfigFile.FromEnvironment(variables);

        Assert.Equal(2, settings.Count);
        Assert.Equal("8099", settings["Agent:Port"]);
        Assert.Equal("7", settings["Agent:Intervals:Ups"]);
    }

    [Fact]
    public void FromEnvironment_BadValue_ThrowsNamingTheVariable()
    {
        var error = Assert.Throws<UnraidSettingException>(
            () => UnraidConfigFile.FromEnvironment(new Dictionary<string, string> { ["MAX_CLIENTS"] = "lots" }));

        Assert.Equal("MAX_CLIENTS", error.Name);
        Assert.Contains("environment variable", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--config-file", "/tmp/a.cfg" }, "/tmp/a.cfg", true)]
    [InlineData(new[] { "--config-file=/tmp/b.cfg" }, "/tmp/b.cfg", true)]
    [InlineData(new[] { "--Agent:Port=1" }, UnraidConfigFile.DefaultPath, false)]
    public void Locate_CommandLine_NamesTheFile(string[] args, string path, bool isExplicit)
    {
        var located = UnraidConfigFile.Locate(args, new Dictionary<string, string>());

        Assert.Equal((path, isExplicit), located);
    }

    [Fact]
    public void Locate_EnvironmentVariable_NamesTheFileUnlessTheCommandLineDoes()
    {
        var variables = new Dictionary<string, string> { [UnraidConfigFile.PathVariable] = "/tmp/env.cfg" };

        var fromEnvironment = UnraidConfigFile.Locate([], variables);
        var fromArgs = UnraidConfigFile.Locate(["--config-file", "/tmp/arg.cfg"], variables);

        Assert.Equal(("/tmp/env.cfg", true), fromEnvironment);
        Assert.Equal(("/tmp/arg.cfg", true), fromArgs);
    }
}
