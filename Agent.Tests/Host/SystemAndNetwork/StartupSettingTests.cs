using System.Diagnostics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.SystemAndNetwork;

/// <summary>The built Host as a real process: a bad setting stops it with one readable line.</summary>
public sealed class StartupSettingTests
{
    private static readonly TimeSpan s_exitLimit = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--Agent:Port=99999", "Agent:Port")]
    [InlineData("--Agent:Intervals:System=-1", "Agent:Intervals:System")]
    [InlineData("--Agent:Intervals:Network=abc", "Agent:Intervals:Network")]
    [InlineData("--Agent:MaxInboundPingsPerSecond=0", "Agent:MaxInboundPingsPerSecond")]
    [InlineData("--Agent:HubClientTimeoutSeconds=0", "Agent:HubClientTimeoutSeconds")]
    [InlineData("--Agent:HubKeepAliveSeconds=-5", "Agent:HubKeepAliveSeconds")]
    public async Task Host_InvalidSetting_ExitsNonZeroWithOneLineNamingIt(string argument, string setting)
    {
        using var folder = new TempFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "unraid-management-agent.dll"));
        start.ArgumentList.Add("--Agent:BindAddress=127.0.0.1");
        start.ArgumentList.Add($"--Agent:Log:Path={Path.Combine(folder.Path, "agent.log")}");
        start.ArgumentList.Add("--Agent:Ups:Backend=none");
        start.ArgumentList.Add(argument);
        start.WorkingDirectory = folder.Path;

        var (exitCode, stderr) = await RunAsync(start);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(lines);
        Assert.Contains(setting, line, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WithTimeout(s_exitLimit);
            await Task.WhenAll(stderr, stdout).WithTimeout();
            return (process.ExitCode, await stderr);
        }
        finally
        {
            // Ends only the process this test started, by its own handle, if it outlived the limit.
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
