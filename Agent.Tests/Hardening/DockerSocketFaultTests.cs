using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Collectors.Docker;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Hardening;

/// <summary>
/// The Docker socket breaks while the agent runs, against the real private dockerd of the Docker collection (one
/// daemon for every test that needs one). The agent's socket path is a symlink to the daemon's socket, so the path
/// can be broken and mended without touching the daemon the other tests share.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerSocketFaultTests(DockerDaemonFixture docker)
{
    private static readonly TimeSpan s_transitionTimeout = TimeSpan.FromSeconds(30);

    [DockerDaemonFact]
    public async Task DockerSocket_ReplacedByAPlainFileMidRun_ReportsItAndRecovers()
    {
        using var folder = new TempFolder();
        var socket = Path.Combine(folder.Path, "docker.sock");
        File.CreateSymbolicLink(socket, docker.Daemon.SocketPath);
        await using var server = await docker.StartAgentAsync(
            ("Agent:Docker:Endpoint", $"unix://{socket}"),
            ("Agent:Intervals:Containers", "1"),
            ("Agent:Intervals:System", "1"));
        await using var events = await EventRecorder.ConnectAsync(server);
        await events.WaitForStateAsync("containers", IsHealthy, s_transitionTimeout, "the Docker source never became healthy");

        File.Delete(socket);
        File.WriteAllText(socket, "not a socket");
        await events.WaitForStateAsync("containers", IsUnavailable, s_transitionTimeout, "a plain file as the socket was not reported");
        await FaultySourceTests.AssertStillServingAsync(server);
        var mendedAt = DateTime.UtcNow;
        File.Delete(socket);
        File.CreateSymbolicLink(socket, docker.Daemon.SocketPath);
        await events.WaitForStateAsync("containers", IsHealthy, s_transitionTimeout, "the Docker source did not recover");
        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(ListsFixtureContainersSince(events, mendedAt)),
            s_transitionTimeout,
            "no container list with the daemon's containers was published after the socket came back");

        // Both transitions were published: healthy before the fault, unavailable during it, healthy after it.
        var states = events.StatesOf("containers");
        var down = states.ToList().IndexOf(SourceHealthState.Unavailable);
        Assert.True(down > 0 && states.Take(down).Contains(SourceHealthState.Healthy), string.Join(" → ", states));
        Assert.Equal(SourceHealthState.Healthy, states[^1]);
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    private static bool IsHealthy(string state) => state == SourceHealthState.Healthy;

    private static bool IsUnavailable(string state) => state == SourceHealthState.Unavailable;

    private static bool ListsFixtureContainersSince(EventRecorder events, DateTime since) =>
        events.Events.Any(e => e.At >= since
            && e.Event == "container_list_update"
            && e.Data.EnumerateArray().Any(c => c.GetProperty("name").GetString() == DockerDaemonFixture.Healthy));
}
