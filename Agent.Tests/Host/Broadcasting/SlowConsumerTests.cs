using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Host.WebSockets;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>A stalled raw client must cost only its own outbox: the others get every event, just as fast.</summary>
public sealed class SlowConsumerTests
{
    private const int Clients = 50;
    private const int Stalled = 5;
    private const int Events = 60;

    // About 20 KB a frame, the size of a real disk list.
    private static readonly object s_diskList = Sample.Disks(24);

    // About 170 KB a frame, to fill a stalled socket's kernel buffers quickly before the measurement.
    private static readonly object s_filler = Sample.Disks(200);

    [Fact]
    public async Task Broadcast_FiveOfFiftyStalled_OthersGetEveryEventAtTheSameLatency()
    {
        var baseline = await RunAsync(stalled: 0);
        var withStalled = await RunAsync(stalled: Stalled);

        Assert.All(withStalled.ReceivedPerClient, n => Assert.Equal(Events, n));
        Assert.All(baseline.ReceivedPerClient, n => Assert.Equal(Events, n));

        // Twice the baseline, with a small absolute allowance for scheduling noise on a two-core machine.
        Assert.True(
            withStalled.MedianLatency <= (baseline.MedianLatency * 2) + TimeSpan.FromMilliseconds(10),
            $"median latency {withStalled.MedianLatency.TotalMilliseconds:F1} ms with stalled clients, "
                + $"{baseline.MedianLatency.TotalMilliseconds:F1} ms without");
        Assert.True(withStalled.MaxPending <= TopicCatalog.All.Count, $"a client held {withStalled.MaxPending} pending frames");
        Assert.Equal(Stalled, withStalled.Evicted);
    }

    private static async Task<RunResult> RunAsync(int stalled)
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:MaxClients"] = "100",
            ["Agent:WriteTimeoutSeconds"] = "10",
        });
        var registry = server.Services.GetRequiredService<RawClientRegistry>();
        var stalledSockets = new List<ClientWebSocket>();
        for (var i = 0; i < stalled; i++)
        {
            // A ClientWebSocket that is never read: the server's frames pile up in the socket buffers.
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(server.WebSocketUri("api/v1/ws?snapshot=false"), CancellationToken.None).WithTimeout();
            stalledSockets.Add(socket);
        }

        if (stalled > 0)
        {
            await FillUntilStalledAsync(server, registry, stalled);
        }

        var readers = new List<RawSocket>();
        for (var i = 0; i < Clients - stalled; i++)
        {
            readers.Add(await RawSocket.ConnectAsync(server, "?snapshot=false"));
        }

        var latencies = new List<TimeSpan>();
        var received = new int[readers.Count];
        var maxPending = 0;
        for (var e = 0; e < Events; e++)
        {
            var published = Stopwatch.GetTimestamp();
            server.Topics.Publish(TopicCatalog.DiskListUpdate, s_diskList);
            maxPending = Math.Max(maxPending, registry.Clients.Max(c => c.PendingCount));
            var receipts = readers.Select(async (r, i) =>
            {
                await r.ReceiveEventAsync("disk_list_update");
                Interlocked.Increment(ref received[i]);
                return Stopwatch.GetElapsedTime(published);
            });
            latencies.AddRange(await Task.WhenAll(receipts).WithTimeout());
        }

        var evicted = 0;
        if (stalled > 0)
        {
            await TaskTimeoutExtensions.EventuallyAsync(async () => (evicted = await EvictedAsync(server)) >= stalled, TimeSpan.FromSeconds(30));
        }

        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }

        foreach (var socket in stalledSockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        latencies.Sort();
        return new RunResult(received, latencies[latencies.Count / 2], maxPending, evicted);
    }

    // Publishes big frames until the pending send of every stalled client has waited on its socket for a while.
    private static async Task FillUntilStalledAsync(AgentServer server, RawClientRegistry registry, int stalled)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (registry.Clients.Count(c => c.BlockedFor > TimeSpan.FromMilliseconds(500)) < stalled)
        {
            Assert.True(DateTime.UtcNow < deadline, "the stalled clients' sockets never filled up");
            server.Topics.Publish(TopicCatalog.DiskListUpdate, s_filler);
            await Task.Yield();
        }
    }

    private static async Task<int> EvictedAsync(AgentServer server)
    {
        using var client = server.CreateClient();
        var figures = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/connections", UriKind.Relative)));
        return figures.RootElement.GetProperty("evicted_total").GetInt32();
    }

    private sealed record RunResult(int[] ReceivedPerClient, TimeSpan MedianLatency, int MaxPending, int Evicted);
}
