using System.Diagnostics;
using Agent.Host.Configuration;
using Agent.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Agent.Tests.Host.Configuration;

public sealed class AgentConfigurationExtensionsTests
{
    [Fact]
    public void AddUnraidSources_FileAfterEnvironmentAndCommandLine_FileWins()
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.cfg", "PORT=\"8101\"\nMAX_CLIENTS=\"3\"\n");
        var variables = new Dictionary<string, string> { ["PORT"] = "8102", ["INTERVAL_GPU"] = "9" };
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Agent:Port"] = "8100", ["Agent:MaxClients"] = "50" })
            .AddCommandLine(["--Agent:Port=8103"]);

        var configuration = builder.AddUnraidSources(["--config-file", path], variables).Build();

        Assert.Equal("8101", configuration["Agent:Port"]);
        Assert.Equal("3", configuration["Agent:MaxClients"]);
        Assert.Equal("9", configuration["Agent:Intervals:Gpu"]);
    }

    [Fact]
    public void AddUnraidSources_GoAgentEnvironmentName_WinsOverAspNetSources()
    {
        var builder = new ConfigurationBuilder().AddCommandLine(["--Agent:Intervals:Containers=30"]);
        var variables = new Dictionary<string, string> { ["INTERVAL_DOCKER"] = "12" };

        var configuration = builder.AddUnraidSources([], variables).Build();

        Assert.Equal("12", configuration["Agent:Intervals:Containers"]);
    }

    [Fact]
    public void AddUnraidSources_DefaultFileAbsent_AddsNothing()
    {
        var variables = new Dictionary<string, string>();

        var configuration = new ConfigurationBuilder().AddUnraidSources([], variables).Build();

        Assert.DoesNotContain(configuration.AsEnumerable(), pair => pair.Value is not null);
    }

    [Fact]
    public void AddUnraidSources_NamedFileMissing_ThrowsNamingThePath()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "missing.cfg");
        var variables = new Dictionary<string, string> { [UnraidConfigFile.PathVariable] = missing };

        var error = Assert.Throws<UnraidSettingException>(() => new ConfigurationBuilder().AddUnraidSources([], variables));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_BadValueInConfigFile_ExitsWithOneLineNamingTheKey()
    {
        using var folder = new TempFolder();
        var path = folder.Write("config.cfg", "PORT=\"8043\"\nMAX_CLIENTS=\"many\"\n");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder.Path,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "unraid-management-agent.dll"));
        start.ArgumentList.Add($"--Agent:Log:Path={Path.Combine(folder.Path, "agent.log")}");
        start.Environment[UnraidConfigFile.PathVariable] = path;

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync().WithTimeout();
        await process.WaitForExitAsync().WithTimeout();

        Assert.Equal(AgentHostRunner.ExitCodeBadSetting, process.ExitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("MAX_CLIENTS", line, StringComparison.Ordinal);
        Assert.Contains("line 2", line, StringComparison.Ordinal);
    }
}
