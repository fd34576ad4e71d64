using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Array;

public sealed class EmhttpWatcherTests
{
    private static readonly TimeSpan s_pushLimit = TimeSpan.FromSeconds(1);

    [SharedFixturesFact]
    public async Task RewriteVarIni_RunningHost_PublishesNewArrayStatusWithinOneSecond()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        var recorder = new PublicationRecorder(TopicCatalog.ArrayStatusUpdate);
        server.Topics.Subscribe(recorder);

        var written = DateTimeOffset.Now;
        await File.WriteAllTextAsync(Path.Combine(folder.Emhttp, "var.ini"), EmhttpFixtureFolder.VarWithState("STOPPED"));
        var pushed = await WaitForStateAsync(recorder, "STOPPED");

        Assert.True(pushed.Timestamp - written < s_pushLimit, $"pushed after {(pushed.Timestamp - written).TotalMilliseconds} ms");
        Assert.Single(recorder.Seen);
    }

    [SharedFixturesFact]
    public async Task PartialWrite_RunningHost_NeverPublishes()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        var recorder = new PublicationRecorder(TopicCatalog.ArrayStatusUpdate);
        server.Topics.Subscribe(recorder);
        var path = Path.Combine(folder.Emhttp, "var.ini");
        var whole = EmhttpFixtureFolder.VarWithState("STOPPED");
        var cut = whole[..(whole.IndexOf("mdState=\"STOPPED\"", StringComparison.Ordinal) + "mdState=\"STO".Length)];

        await File.WriteAllTextAsync(path, cut);
        var health = server.Services.GetHealth(TopicCatalog.Groups.Array);
        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(health.State == "degraded"),
            because: "the collector reads the half-written file and its retries, then gives up");
        await File.WriteAllTextAsync(path, whole);
        await WaitForStateAsync(recorder, "STOPPED");
        await File.WriteAllTextAsync(path, EmhttpFixtureFolder.VarWithState("STARTED"));
        await WaitForStateAsync(recorder, "STARTED");

        Assert.Equal(["STOPPED", "STARTED"], recorder.Seen.Select(p => ((ArrayStatus)p.Payload).State));
        Assert.Equal("healthy", health.State);
        Assert.Equal("STARTED", ((ArrayStatus)server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate)!.Payload).State);
    }

    [SharedFixturesFact]
    public async Task RewriteDisksIni_RunningHost_PublishesDiskListAgain()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        var recorder = new PublicationRecorder(TopicCatalog.DiskListUpdate);
        server.Topics.Subscribe(recorder);
        var path = Path.Combine(folder.Emhttp, "disks.ini");
        var spunDown = (await File.ReadAllTextAsync(path))
            .Replace("spundown=\"0\"\ntemp=\"30\"", "spundown=\"1\"\ntemp=\"*\"", StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, spunDown);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(recorder.Seen.Count > 0), s_pushLimit * 5, "a disk list is pushed");

        var disks = (IReadOnlyList<DiskStatus>)recorder.Seen[^1].Payload;
        Assert.Equal("standby", disks.Single(d => d.Id == "disk1").SpinState);
        Assert.Equal(0, disks.Single(d => d.Id == "disk1").TemperatureCelsius);
    }

    [SharedFixturesFact]
    public async Task RewriteVarIni_RawClient_ReceivesArrayStatusWithinOneSecond()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri(), CancellationToken.None).WithTimeout();
        await ReadArrayFrameAsync(socket, "STARTED").WithTimeout();

        var written = DateTimeOffset.Now;
        await File.WriteAllTextAsync(Path.Combine(folder.Emhttp, "var.ini"), EmhttpFixtureFolder.VarWithState("STOPPED"));
        var frame = await ReadArrayFrameAsync(socket, "STOPPED").WithTimeout(s_pushLimit * 5);
        var received = DateTimeOffset.Now;

        Assert.True(received - written < s_pushLimit, $"the frame arrived {(received - written).TotalMilliseconds} ms after the write");
        Assert.Equal(JsonValueKind.String, frame.GetProperty("timestamp").ValueKind);
        Assert.Equal(5, frame.GetProperty("data").GetProperty("num_disks").GetInt64());
    }

    [SharedFixturesTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RewriteVarIni_HubClient_ReceivesArrayStatusWithinOneSecond(bool messagePack)
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        await using var hub = HubClients.Create(server, messagePack);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ArrayStatus>("ArrayStatusUpdate", status =>
        {
            if (status.State == "STARTED")
            {
                started.TrySetResult();
            }
            else if (status.State == "STOPPED")
            {
                stopped.TrySetResult(DateTimeOffset.Now);
            }
        });
        await hub.StartAsync().WithTimeout();
        await hub.InvokeAsync("Subscribe", new[] { TopicCatalog.Groups.Array }).WithTimeout();
        await started.Task.WithTimeout();

        var written = DateTimeOffset.Now;
        await File.WriteAllTextAsync(Path.Combine(folder.Emhttp, "var.ini"), EmhttpFixtureFolder.VarWithState("STOPPED"));
        var received = await stopped.Task.WithTimeout(s_pushLimit * 5);

        Assert.True(received - written < s_pushLimit, $"the update arrived {(received - written).TotalMilliseconds} ms after the write");
    }

    private static async Task<AgentServer> StartWatchingAsync(EmhttpFixtureFolder folder)
    {
        var server = await AgentServer.StartAsync(folder.Settings());
        try
        {
            await TaskTimeoutExtensions.EventuallyAsync(
                () => Task.FromResult(
                    server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate) is not null
                    && server.Topics.GetLatest(TopicCatalog.DiskListUpdate) is not null),
                because: "the first collection publishes (it starts the watcher before it reads)");
        }
        catch (TimeoutException ex)
        {
            var logs = string.Join("\n", server.Logs.Records.Select(r => $"{r.EventId} {r.Category}: {r.Message} {r.Exception}"));
            await server.DisposeAsync();
            throw new TimeoutException($"{ex.Message} Logs:\n{logs}", ex);
        }

        return server;
    }

    private static async Task<Agent.Collectors.Hosting.Publication> WaitForStateAsync(PublicationRecorder recorder, string state)
    {
        Agent.Collectors.Hosting.Publication? found = null;
        await TaskTimeoutExtensions.EventuallyAsync(
            () =>
            {
                found = recorder.Seen.LastOrDefault(p => ((ArrayStatus)p.Payload).State == state);
                return Task.FromResult(found is not null);
            },
            s_pushLimit * 5,
            $"an array_status_update with state {state} is published");
        return found!;
    }

    private static async Task<JsonElement> ReadArrayFrameAsync(ClientWebSocket socket, string state)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            using var frame = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                frame.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            var root = JsonDocument.Parse(Encoding.UTF8.GetString(frame.ToArray())).RootElement.Clone();
            if (root.GetProperty("event").GetString() == "array_status_update"
                && root.GetProperty("data").GetProperty("state").GetString() == state)
            {
                return root;
            }
        }
    }
}
