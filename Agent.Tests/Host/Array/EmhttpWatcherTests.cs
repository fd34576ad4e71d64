using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Array;

public sealed class EmhttpWatcherTests
{
    private const int FileIncompleteEventId = 2153;
    private const int WatcherStartedEventId = 2150;
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
        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(server.Logs.WithId(FileIncompleteEventId).Count(r => r.Message.Contains(path, StringComparison.Ordinal)) >= 4),
            because: "the collector reads the half-written file and its retries, then gives up");
        await File.WriteAllTextAsync(path, whole);
        await WaitForStateAsync(recorder, "STOPPED");
        await File.WriteAllTextAsync(path, EmhttpFixtureFolder.VarWithState("STARTED"));
        await WaitForStateAsync(recorder, "STARTED");

        Assert.Equal(["STOPPED", "STARTED"], recorder.Seen.Select(p => ((ArrayStatus)p.Payload).State));
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
        var spunDown = (await File.ReadAllTextAsync(path)).Replace("spundown=\"0\"\ntemp=\"30\"", "spundown=\"1\"\ntemp=\"*\"", StringComparison.Ordinal);

        await File.WriteAllTextAsync(path, spunDown);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(recorder.Seen.Count > 0), s_pushLimit * 5, "a disk list is pushed");

        var disks = (IReadOnlyList<DiskStatus>)recorder.Seen[^1].Payload;
        Assert.Equal("standby", disks.Single(d => d.Id == "disk1").SpinState);
        Assert.Equal(0, disks.Single(d => d.Id == "disk1").TemperatureCelsius);
    }

    [Fact(Skip = "waits for the raw WebSocket endpoint /api/v1/ws, being built on main")]
    public async Task RewriteVarIni_RawClient_ReceivesArrayStatusWithinOneSecond()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await StartWatchingAsync(folder);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri("api/v1/ws?snapshot=false"), CancellationToken.None).WithTimeout();

        var written = DateTimeOffset.Now;
        await File.WriteAllTextAsync(Path.Combine(folder.Emhttp, "var.ini"), EmhttpFixtureFolder.VarWithState("STOPPED"));
        var frame = await ReadArrayFrameAsync(socket, "STOPPED").WithTimeout(s_pushLimit * 5);

        Assert.True(DateTimeOffset.Now - written < s_pushLimit, "the frame arrived within 1 s of the write");
        Assert.Equal(JsonValueKind.String, frame.GetProperty("timestamp").ValueKind);
    }

    private static async Task<AgentServer> StartWatchingAsync(EmhttpFixtureFolder folder)
    {
        var server = await AgentServer.StartAsync(folder.Settings(debugLogs: true));
        try
        {
            await TaskTimeoutExtensions.EventuallyAsync(
                () => Task.FromResult(
                    server.Logs.WithId(WatcherStartedEventId).Count > 0
                    && server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate) is not null
                    && server.Topics.GetLatest(TopicCatalog.DiskListUpdate) is not null),
                because: "the first collection publishes and starts the watcher");
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
