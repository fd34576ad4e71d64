using System.Net;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Hardening;

/// <summary>
/// Sources that break while the agent runs. Tests run as root, where chmod 000 does not stop a read, so "unreadable"
/// is a directory put in place of the file; "hangs", "fails" and "floods" are a stand-in tool script.
/// </summary>
[Collection(HardeningCollection.Name)]
public sealed class FaultySourceTests
{
    private static readonly TimeSpan s_transitionTimeout = TimeSpan.FromSeconds(20);

    // The system collector polls every second; a gap of more than this means a fault elsewhere delayed it.
    private static readonly TimeSpan s_maxSystemGap = TimeSpan.FromSeconds(3.5);

    [SharedFixturesTheory]
    [InlineData("vanishes")]
    [InlineData("directory")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task EmhttpVarIni_FaultMidRun_ReportsItAndRecovers(string fault)
    {
        using var folder = new TempFolder();
        var emhttp = Path.Combine(folder.Path, "emhttp");
        Directory.CreateDirectory(emhttp);
        var good = File.ReadAllText(TestPaths.Shared("emhttp", "var.ini.unraid-7.3.1-started-degraded"));
        var varIni = Path.Combine(emhttp, "var.ini");
        File.WriteAllText(varIni, good);
        File.Copy(TestPaths.Shared("emhttp", "disks.ini.unraid-6.11-array-with-pool"), Path.Combine(emhttp, "disks.ini"));
        File.Copy(TestPaths.Shared("emhttp", "shares.ini"), Path.Combine(emhttp, "shares.ini"));
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Paths:Emhttp"] = emhttp,
            ["Agent:Intervals:Array"] = "1",
            ["Agent:Intervals:System"] = "1",
        });
        await using var events = await EventRecorder.ConnectAsync(server);
        await events.WaitForStateAsync("array", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the array source never became healthy");
        var faultedAt = DateTime.UtcNow;

        Break(varIni, fault);
        await events.WaitForStateAsync("array", s => s != SourceHealthState.Healthy, s_transitionTimeout, $"var.ini {fault} was not reported");
        await AssertStillServingAsync(server);
        Restore(varIni, good);
        await events.WaitForStateAsync("array", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the array source did not recover");

        Assert.True(events.LongestGap("system_update", faultedAt) < s_maxSystemGap, "the system collector was held up by the emhttp fault");
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [SharedFixturesFact]
    public async Task EmhttpArrayOnDisksAndSharesOff_SourceStaysHealthy()
    {
        using var folder = new TempFolder();
        var emhttp = Path.Combine(folder.Path, "emhttp");
        Directory.CreateDirectory(emhttp);
        File.Copy(TestPaths.Shared("emhttp", "var.ini.unraid-7.3.1-started-degraded"), Path.Combine(emhttp, "var.ini"));
        File.Copy(TestPaths.Shared("emhttp", "disks.ini.unraid-6.11-array-with-pool"), Path.Combine(emhttp, "disks.ini"));

        // The disk and share collectors are off (0) and share the array source's health with the array collector.
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Paths:Emhttp"] = emhttp,
            ["Agent:Intervals:Array"] = "1",
        });
        await using var events = await EventRecorder.ConnectAsync(server);
        await events.WaitForStateAsync("array", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the array source never became healthy");
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Had the collectors that are off reported the source disabled, it could have stayed so after the array
        // collector's healthy report; they leave it alone while one of the three runs.
        Assert.DoesNotContain(SourceHealthState.Disabled, events.StatesOf("array"));
        Assert.DoesNotContain(
            server.Logs.Records,
            r => r.Message.Contains("array", StringComparison.Ordinal)
                && r.Message.Contains("is disabled by configuration", StringComparison.Ordinal));
        Assert.Equal(SourceHealthState.Healthy, events.StatesOf("array")[^1]);
    }

    [SharedFixturesTheory]
    [InlineData("hang")]
    [InlineData("fail")]
    [InlineData("flood")]
    public async Task NvidiaSmi_FaultMidRun_ReportsItAndRecovers(string fault)
    {
        using var folder = new TempFolder();
        var mode = Path.Combine(folder.Path, "mode");
        File.WriteAllText(mode, "ok");
        var fixture = TestPaths.Shared("nvidia", "xml", "dual-rtx-2070_590.44.01_v13.xml");

        // One script, steered by a file: the fault is switched on and off while the agent runs.
        var tool = Collectors.Gpu.ToolScript.Write(
            Path.Combine(folder.Path, "nvidia-smi"),
            $"case $(cat '{mode}') in\n  ok) exec cat '{fixture}' ;;\n  hang) exec sleep 30 ;;\n  fail) echo 'NVIDIA-SMI has failed' >&2; exit 9 ;;\n"
            + "  flood) exec head -c 104857600 /dev/zero ;;\nesac");
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Gpu:NvidiaSmi"] = tool,
            ["Agent:Gpu:IntelGpuTop"] = Path.Combine(folder.Path, "no-intel_gpu_top"),
            ["Agent:Gpu:NvidiaTimeoutSeconds"] = "1",
            ["Agent:Paths:Sys"] = Path.Combine(folder.Path, "no-sys"),
            ["Agent:Intervals:Gpu"] = "1",
            ["Agent:Intervals:System"] = "1",
        });
        await using var events = await EventRecorder.ConnectAsync(server);
        await events.WaitForStateAsync("gpu", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the gpu source never became healthy");
        var faultedAt = DateTime.UtcNow;

        File.WriteAllText(mode, fault);
        await events.WaitForStateAsync("gpu", s => s != SourceHealthState.Healthy, s_transitionTimeout, $"nvidia-smi '{fault}' was not reported");
        await AssertStillServingAsync(server);
        File.WriteAllText(mode, "ok");
        await events.WaitForStateAsync("gpu", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the gpu source did not recover");

        Assert.True(events.LongestGap("system_update", faultedAt) < s_maxSystemGap, "the system collector was held up by the gpu fault");
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public async Task UpsDaemon_AcceptsAndNeverReplies_ReportsItAndRecovers()
    {
        await using var daemon = new Collectors.Ups.FakeUpsServer(
            Agent.Collectors.Ups.UpsBackends.Apcupsd,
            ["APC      : 001,005,0200", "UPSNAME  : fake", "STATUS   : ONLINE ", "LOADPCT  : 3.0 Percent", "END APC  : 2026-12-03 10:00:00 +0000"]);
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Ups:Backend"] = Agent.Collectors.Ups.UpsBackends.Apcupsd,
            ["Agent:Ups:Apcupsd"] = daemon.Address,
            ["Agent:Ups:ConnectTimeout"] = "00:00:01",
            ["Agent:Ups:ReadTimeout"] = "00:00:01.500",
            ["Agent:Intervals:Ups"] = "1",
            ["Agent:Intervals:System"] = "1",
        });
        await using var events = await EventRecorder.ConnectAsync(server);
        await events.WaitForStateAsync("ups", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the ups source never became healthy");
        var faultedAt = DateTime.UtcNow;

        daemon.Mode = Collectors.Ups.FakeUpsBehaviour.Silent;
        await events.WaitForStateAsync("ups", s => s != SourceHealthState.Healthy, s_transitionTimeout, "the silent daemon was not reported");
        await AssertStillServingAsync(server);
        daemon.Mode = Collectors.Ups.FakeUpsBehaviour.Answer;
        await events.WaitForStateAsync("ups", s => s == SourceHealthState.Healthy, s_transitionTimeout, "the ups source did not recover");

        Assert.True(events.LongestGap("system_update", faultedAt) < s_maxSystemGap, "the system collector was held up by the silent daemon");
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public async Task DockerSocket_PlainFileInItsPlace_ReportsUnavailableAndKeepsServing()
    {
        using var folder = new TempFolder();
        var socket = folder.Write("docker.sock", "not a socket");
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Docker:Endpoint"] = $"unix://{socket}",
            ["Agent:Intervals:Containers"] = "1",
            ["Agent:Intervals:System"] = "1",
        });
        await using var events = await EventRecorder.ConnectAsync(server);
        var startedAt = DateTime.UtcNow;

        await events.WaitForStateAsync(
            "containers",
            s => s == SourceHealthState.Unavailable,
            s_transitionTimeout,
            "a plain file as the Docker socket was not reported");
        await AssertStillServingAsync(server);
        using var client = server.CreateClient();
        using var containers = await client.GetAsync("api/v1/docker").WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, containers.StatusCode);
        Assert.True(events.LongestGap("system_update", startedAt) < s_maxSystemGap, "the system collector was held up by the Docker fault");
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    private static void Break(string file, string fault)
    {
        switch (fault)
        {
            case "vanishes":
                File.Delete(file);
                break;
            case "directory":
                File.Delete(file);
                Directory.CreateDirectory(file);
                break;
            case "truncated":
                File.WriteAllText(file, File.ReadAllText(file)[..40]);
                break;
            default:
                File.WriteAllBytes(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 251))]);
                break;
        }
    }

    private static void Restore(string file, string content)
    {
        if (Directory.Exists(file))
        {
            Directory.Delete(file);
        }

        var temporary = file + ".new";
        File.WriteAllText(temporary, content);
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Health and a REST read still answer 200 while a source is broken.</summary>
    internal static async Task AssertStillServingAsync(AgentServer server)
    {
        using var client = server.CreateClient();
        using var health = await client.GetAsync("api/v1/health").WithTimeout();
        using var system = await client.GetAsync("api/v1/system").WithTimeout();
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, system.StatusCode);
    }
}
