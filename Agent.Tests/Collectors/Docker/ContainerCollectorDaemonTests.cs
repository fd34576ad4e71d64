using System.Globalization;
using System.Net;
using System.Text.Json;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Collectors.Docker;

[Collection(DockerCollection.Name)]
public sealed class ContainerCollectorDaemonTests(DockerDaemonFixture docker)
{
    private static readonly TimeSpan s_live = TimeSpan.FromSeconds(1);

    [DockerDaemonFact]
    public async Task Collector_RealDaemon_ListsTestContainersAsDockerInspectSays()
    {
        await using var server = await docker.StartAgentAsync();

        var list = await FirstListAsync(server);

        foreach (var name in DockerDaemonFixture.All)
        {
            var container = Assert.Single(list, c => c.Name == name);
            var inspect = await docker.InspectAsync(name);
            Assert.Equal(inspect.GetProperty("Id").GetString()![..12], container.Id);
            Assert.Equal(("uma-busybox", "test"), (container.Image, container.Version));
            Assert.Equal("none", container.NetworkMode);
            Assert.Equal("", container.IpAddress);
            Assert.Equal(inspect.GetProperty("HostConfig").GetProperty("RestartPolicy").GetProperty("Name").GetString(), container.RestartPolicy);
            var health = inspect.GetProperty("State").TryGetProperty("Health", out var h) ? h.GetProperty("Status").GetString() : "none";
            Assert.Equal(health, container.Health);
            if (name != DockerDaemonFixture.Restarting)
            {
                Assert.Equal(inspect.GetProperty("State").GetProperty("Status").GetString(), container.State);
            }
        }

        Assert.Equal("healthy", list.Single(c => c.Name == DockerDaemonFixture.Healthy).Health);
        Assert.Equal("unhealthy", list.Single(c => c.Name == DockerDaemonFixture.Unhealthy).Health);
        Assert.Equal("exited", list.Single(c => c.Name == DockerDaemonFixture.Exited).State);
        Assert.Equal("paused", list.Single(c => c.Name == DockerDaemonFixture.Paused).State);
        Assert.NotEqual("", list.Single(c => c.Name == DockerDaemonFixture.Healthy).Uptime);
        Assert.Equal("", list.Single(c => c.Name == DockerDaemonFixture.Exited).Uptime);
    }

    [DockerDaemonFact]
    public async Task Collector_RestartingContainer_ShowsRestartsAndPolicy()
    {
        await using var server = await docker.StartAgentAsync();

        var list = await FirstListAsync(server);

        var restarting = Assert.Single(list, c => c.Name == DockerDaemonFixture.Restarting);
        Assert.Contains(restarting.State, new[] { "restarting", "running", "exited" });
        Assert.Equal("always", restarting.RestartPolicy);
        Assert.True(restarting.RestartCount >= 1, $"restart count {restarting.RestartCount}");
    }

    [DockerDaemonFact]
    public async Task Collector_RunningContainer_MemoryMatchesDockerStats()
    {
        await using var server = await docker.StartAgentAsync();

        var healthy = (await FirstListAsync(server)).Single(c => c.Name == DockerDaemonFixture.Healthy);
        var stats = await docker.Daemon.CliAsync("stats", "--no-stream", "--format", "{{.MemUsage}}", DockerDaemonFixture.Healthy);

        var parts = stats.Split('/', StringSplitOptions.TrimEntries);
        var (used, limit) = (ParseSize(parts[0]), ParseSize(parts[1]));
        Assert.InRange(healthy.MemoryLimitBytes, limit * 0.99, limit * 1.01);
        // The two readings are taken a moment apart, and the container's health check may run in between, adding a
        // process for a second: usage may move by a couple of MiB between them.
        Assert.InRange(healthy.MemoryUsageBytes, used - (2 * 1024 * 1024), used + (2 * 1024 * 1024));
        Assert.InRange(healthy.MemoryPercent, 0, 100);
        Assert.InRange(healthy.CpuPercent, 0, 100);
        Assert.Equal((0L, 0L), (healthy.NetworkRxBytes, healthy.NetworkTxBytes));
    }

    [DockerDaemonFact]
    public async Task DockerStop_RunningContainer_ReachesSubscriberWithinOneSecond()
    {
        var name = DockerDaemonFixture.UniqueName("live");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        await FirstListAsync(server, l => l.Any(c => c.Name == name && c.State == "running"));
        var recorder = new TopicRecorder();
        server.Topics.Subscribe(recorder);

        await docker.Daemon.CliAsync("stop", name);
        var stopped = DateTime.UtcNow;
        var arrived = await recorder.WaitForAsync(l => l.Any(c => c.Name == name && c.State == "exited"), TimeSpan.FromSeconds(10));

        var seen = string.Join("; ", recorder.Seen.Select(x => $"{(x.ArrivedUtc - stopped).TotalMilliseconds:F0}ms {x.Summary}"));
        var events = string.Join("; ", server.Logs.Records.Where(r => r.EventId is 2302 or 2006 or 2304 or 2005).Select(r => r.Message));
        var delay = arrived - stopped;
        Assert.True(delay < s_live, $"the stop arrived {delay.TotalMilliseconds:F0} ms after docker stop returned: {seen} | {events}");
    }

    [DockerDaemonFact]
    public async Task GetDocker_RealDaemon_ListsContainersAndFindsOneByIdOrName()
    {
        await using var server = await docker.StartAgentAsync();
        await FirstListAsync(server);
        using var client = server.CreateClient();
        var fullId = (await docker.InspectAsync(DockerDaemonFixture.Paused)).GetProperty("Id").GetString()!;

        using var all = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/docker", UriKind.Relative)));
        using var byName = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/docker/{DockerDaemonFixture.Paused}", UriKind.Relative)));
        using var byId = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/docker/{fullId}", UriKind.Relative)));
        using var missing = await client.GetAsync(new Uri("api/v1/docker/no-such-container", UriKind.Relative));

        Assert.Contains(all.RootElement.EnumerateArray(), e => e.GetProperty("name").GetString() == DockerDaemonFixture.Healthy);
        Assert.Equal("paused", byName.RootElement.GetProperty("state").GetString());
        Assert.Equal(fullId[..12], byId.RootElement.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Number, byId.RootElement.GetProperty("memory_usage_bytes").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no-such-container", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DockerDaemonFact]
    public async Task DaemonRestart_StopThenStart_SourceUnavailableThenListRestored()
    {
        await using var daemon = await DockerDaemon.StartNewAsync();
        await daemon.ImportBusyboxAsync();
        await daemon.CliAsync(
            "run", "-d", "--network", "none", "--stop-timeout", "1", "--restart", "always", "--name", "uma-survivor",
            DockerDaemon.Image, "sleep", "100000");
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Intervals:Containers"] = "30",
            ["Agent:Docker:Endpoint"] = daemon.Endpoint,
        });
        await FirstListAsync(server, l => l.Any(c => c.Name == "uma-survivor"));
        var health = server.Services.GetRequiredService<SourceHealthRegistry>().Get(TopicCatalog.Groups.Containers);

        await daemon.StopAsync();
        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(health.IsUnavailable),
            TimeSpan.FromSeconds(10),
            "the source turns unavailable");
        var recorder = new TopicRecorder();
        server.Topics.Subscribe(recorder);
        await daemon.StartAsync();
        await recorder.WaitForAsync(l => l.Any(c => c.Name == "uma-survivor" && c.State == "running"), TimeSpan.FromSeconds(15));

        Assert.Equal("healthy", health.State);
    }

    [Fact]
    public async Task Collector_NoDaemon_ReportsSourceUnavailableAndRestAnswers404()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:Intervals:Containers"] = "30" });
        var health = server.Services.GetRequiredService<SourceHealthRegistry>().Get(TopicCatalog.Groups.Containers);
        using var client = server.CreateClient();

        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(health.IsUnavailable), because: "the missing socket is noticed");
        using var response = await client.GetAsync(new Uri("api/v1/docker", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("containers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<ContainerStatus>> FirstListAsync(
        AgentServer server,
        Func<IReadOnlyList<ContainerStatus>, bool>? condition = null)
    {
        IReadOnlyList<ContainerStatus>? found = null;
        await TaskTimeoutExtensions.EventuallyAsync(
            () =>
            {
                found = server.Topics.GetLatest(TopicCatalog.ContainerListUpdate)?.Payload as IReadOnlyList<ContainerStatus>;
                return Task.FromResult(found is not null && (condition?.Invoke(found) ?? true));
            },
            because: "the collector publishes container_list_update");
        return found!;
    }

    private static double ParseSize(string text)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "B", "kB", "MB", "GB"];
        double[] factors = [1024, 1024 * 1024, 1024 * 1024 * 1024, 1024.0 * 1024 * 1024 * 1024, 1, 1000, 1e6, 1e9];
        for (var i = 0; i < units.Length; i++)
        {
            if (text.EndsWith(units[i], StringComparison.Ordinal))
            {
                return double.Parse(text[..^units[i].Length], CultureInfo.InvariantCulture) * factors[i];
            }
        }

        throw new FormatException($"'{text}' is not a docker stats size.");
    }
}
