using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;
using Agent.Tests.Collectors.Docker;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Docker;

[Collection(DockerCollection.Name)]
public sealed class DockerLiveTransportTests(DockerDaemonFixture docker)
{
    // What this proves is the event path: the container interval here is 30 s, so an update within a few seconds came
    // from Docker's event stream. Alone it arrives in well under a second; beside the whole suite on two cores a run
    // took 1.26 s, so the bound leaves room for a loaded machine rather than timing the machine.
    private static readonly TimeSpan s_live = TimeSpan.FromSeconds(2.5);

    [DockerDaemonFact]
    public async Task DockerStop_RawSocketClient_GetsExitedStateFromTheEventStream()
    {
        var name = DockerDaemonFixture.UniqueName("raw");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        await using var raw = await RawSocket.ConnectAsync(server);
        await raw.SendTextAsync("""{"subscribe":["container_list_update"]}""");
        await WaitForRawStateAsync(raw, name, "running", TimeSpan.FromSeconds(35));

        await docker.Daemon.CliAsync("stop", name);
        var stopped = Stopwatch.GetTimestamp();
        await WaitForRawStateAsync(raw, name, "exited", TimeSpan.FromSeconds(10));
        var elapsed = Stopwatch.GetElapsedTime(stopped);

        Assert.True(elapsed < s_live, $"the stop arrived {elapsed.TotalMilliseconds:F0} ms after docker stop returned");
    }

    [DockerDaemonFact]
    public async Task DockerStop_SignalRClient_GetsContainerListUpdateFromTheEventStream()
    {
        var name = DockerDaemonFixture.UniqueName("hub");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        await using var hub = HubClients.Create(server, messagePack: false, "?groups=containers");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<IReadOnlyList<ContainerStatus>>("ContainerListUpdate", list =>
        {
            var state = list.FirstOrDefault(c => c.Name == name)?.State;
            if (state == "running")
            {
                running.TrySetResult();
            }
            else if (state == "exited")
            {
                exited.TrySetResult(Stopwatch.GetTimestamp());
            }
        });
        await hub.StartAsync().WithTimeout();
        await running.Task.WithTimeout();

        await docker.Daemon.CliAsync("stop", name);
        var stopped = Stopwatch.GetTimestamp();
        var arrived = await exited.Task.WithTimeout();

        var elapsed = Stopwatch.GetElapsedTime(stopped, Math.Max(arrived, stopped));
        Assert.True(elapsed < s_live, $"the stop arrived {elapsed.TotalMilliseconds:F0} ms after docker stop returned");
    }

    [DockerDaemonFact]
    public async Task SlowAction_TwentyRawClients_StillGetBroadcastsAtOnce()
    {
        // PID 1 busybox sleep ignores SIGTERM, so this stop waits the whole three-second grace period.
        var name = DockerDaemonFixture.UniqueName("slow");
        await docker.Daemon.CliAsync("run", "-d", "--network", "none", "--name", name, DockerDaemon.Image, "sleep", "100000");
        await using var server = await docker.StartAgentAsync(("Agent:Docker:StopGracePeriodSeconds", "3"), ("Agent:MaxClients", "25"));
        using var client = server.CreateClient();
        var sockets = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RawSocket.ConnectAsync(server, "?snapshot=false")));
        try
        {
            // The same broadcast without an action in flight is the yardstick: this machine's timings are noisy.
            var quiet = Stopwatch.GetTimestamp();
            server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 1));
            await Task.WhenAll(sockets.Select(s => s.ReceiveEventAsync("system_update", TimeSpan.FromSeconds(5))));
            var baseline = Stopwatch.GetElapsedTime(quiet);

            var started = Stopwatch.GetTimestamp();
            var action = client.PostAsync(new Uri($"api/v1/docker/{name}/stop", UriKind.Relative), content: null);
            server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
            await Task.WhenAll(sockets.Select(s => s.ReceiveEventAsync("system_update", TimeSpan.FromSeconds(2))));
            var broadcast = Stopwatch.GetElapsedTime(started);
            Assert.False(action.IsCompleted, "the stop should still be waiting for its grace period");

            using var response = await action.WithTimeout();
            var total = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(
                broadcast < (baseline * 2) + TimeSpan.FromMilliseconds(250),
                $"the broadcast took {broadcast.TotalMilliseconds:F0} ms during the action, {baseline.TotalMilliseconds:F0} ms without");
            Assert.InRange(total, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(3 + 5));
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task WaitForRawStateAsync(RawSocket raw, string name, string state, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = await raw.ReceiveEventAsync("container_list_update", left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            var container = frame.GetProperty("data").EnumerateArray()
                .FirstOrDefault(c => c.GetProperty("name").GetString() == name);
            if (container.ValueKind == JsonValueKind.Object && container.GetProperty("state").GetString() == state)
            {
                return;
            }
        }
    }
}
