using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using Agent.Host.Hubs;
using Agent.Tests.Hardening;
using Agent.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Host.Hubs;

/// <summary>
/// A hub client that skips negotiation is served below the HTTP server (<see cref="HubSocketConnection"/>); one that
/// negotiated goes through SignalR's endpoint. Both must behave as SignalR's own WebSocket transport does: the same
/// pushes, keepalive pings, client timeout and close handshake.
/// </summary>
public sealed class HubSocketConnectionTests
{
    private const string Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e";

    [Fact]
    public async Task SkippingNegotiation_IsServedBelowHttp_NegotiatedThroughIt_BothGetPushes()
    {
        await using var server = await AgentServer.StartAsync();
        await using var direct = HubClients.Create(server, messagePack: false, "?groups=system");
        await using var negotiated = new HubConnectionBuilder()
            .WithUrl(server.Http("hubs/agent?groups=system"), HttpTransportType.WebSockets)
            .AddJsonProtocol(o => AgentJson.Configure(o.PayloadSerializerOptions))
            .Build();
        var got = new[] { NewSignal(), NewSignal() };
        direct.On<JsonElement>("SystemUpdate", u => got[0].TrySetResult(u.GetProperty("cpu_usage_percent").GetDouble()));
        negotiated.On<JsonElement>("SystemUpdate", u => got[1].TrySetResult(u.GetProperty("cpu_usage_percent").GetDouble()));
        await direct.StartAsync().WithTimeout();
        await negotiated.StartAsync().WithTimeout();

        var registry = server.Services.GetRequiredService<HubConnectionRegistry>();
        await WaitAsync(() => registry.All.Length == 2, "both clients never registered");
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 7));

        var values = await Task.WhenAll(got[0].Task, got[1].Task).WithTimeout();
        Assert.Equal([7.0, 7.0], values);
        var belowHttp = registry.All.Count(c => c.Connection.Features.Get<HubSocketConnection>() is not null);
        var negotiatedId = negotiated.ConnectionId;
        Assert.Equal(1, belowHttp);
        Assert.DoesNotContain(
            registry.All, c => c.Connection.ConnectionId == negotiatedId && c.Connection.Features.Get<HubSocketConnection>() is not null);
    }

    [Fact]
    public async Task BelowHttp_SendsKeepalivePings_AndDropsAClientThatStopsPinging()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:HubKeepAliveSeconds"] = "1",
            ["Agent:HubClientTimeoutSeconds"] = "3",
        });
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri("hubs/agent"), CancellationToken.None).WithTimeout();
        await SendTextAsync(socket, Handshake);
        var records = new HubRecords(socket);
        Assert.Equal("{}", await records.NextAsync());

        // SignalR's keepalive ping, from the heartbeat of the TCP connection under the hub's.
        Assert.Equal("{\"type\":6}", await records.NextAsync());

        // One ping starts the client timeout; then silence (the socket still answers the server's WebSocket pings).
        await SendTextAsync(socket, "{\"type\":6}\u001e");
        var (rest, status) = await records.UntilCloseAsync(TimeSpan.FromSeconds(15));

        Assert.Contains("\"type\":7", rest[^1]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
    }

    [Fact]
    public async Task BelowHttp_ClientClose_IsAnsweredAndTheClientLeavesTheRegistry()
    {
        await using var server = await AgentServer.StartAsync();
        var registry = server.Services.GetRequiredService<HubConnectionRegistry>();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri("hubs/agent"), CancellationToken.None).WithTimeout();
        await SendTextAsync(socket, Handshake);
        Assert.Equal("{}", await new HubRecords(socket).NextAsync());
        await WaitAsync(() => registry.All.Length == 1, "the client never registered");

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).WithTimeout();

        Assert.Equal((WebSocketState.Closed, WebSocketCloseStatus.NormalClosure), (socket.State, socket.CloseStatus));
        await WaitAsync(() => registry.All.Length == 0, "the closed client stayed registered");
    }

    [Fact]
    public async Task BelowHttp_OverTheCap_GetsSignalRsCloseWithTheReason()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "1" });
        await using var first = HubClients.Create(server, messagePack: false);
        await first.StartAsync().WithTimeout();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(server.WebSocketUri("hubs/agent"), CancellationToken.None).WithTimeout();
        await SendTextAsync(socket, Handshake);

        // The handshake answer and the close message may share a WebSocket message, as on SignalR's own transport.
        var (records, status) = await new HubRecords(socket).UntilCloseAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("{}", records[0]);
        Assert.Contains("maximum connections reached", records[^1]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, status);
    }

    [Fact]
    public async Task BelowHttp_ServerStopping_ClosesTheClientAtOnce()
    {
        var server = await AgentServer.StartAsync();
        await using var hub = HubClients.Create(server, messagePack: true);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        await hub.StartAsync().WithTimeout();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();
        await closed.Task.WithTimeout();

        // The server's request to close reaches the hub connection through the TCP connection's feature, as SignalR's
        // endpoint closes its own on shutdown; without it, the server would wait out its shutdown timeout.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the hub client was closed only after {clock.Elapsed}");
    }

    // The hub is done (the client was over the cap) but the client never answers the close: the TCP connection's heartbeat
    // keeps ticking meanwhile, and the keepalive ping it writes must not fail and be logged as an error.
    [Fact]
    public async Task BelowHttp_HubDoneWhileTheClientIgnoresTheClose_LogsNoError()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:MaxClients"] = "1",
            ["Agent:HubKeepAliveSeconds"] = "1",
        });
        await using var first = HubClients.Create(server, messagePack: false);
        await first.StartAsync().WithTimeout();
        using var silent = await HostileTcp.UpgradeAsync(server, "/hubs/agent");
        await silent.SendAsync(HostileTcp.TextFrame(Handshake));

        // The server's close comes, goes unanswered, and after its wait the connection ends.
        Assert.Equal(1000, await silent.ReadCloseStatusAsync());
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    // A client that ends its connection without a close frame has gone away, not failed: the server ends its side with a
    // FIN, as SignalR's endpoint does, and the client reads the end rather than a reset.
    [Fact]
    public async Task BelowHttp_ClientEndsWithoutACloseFrame_GetsAGracefulEnd()
    {
        await using var server = await AgentServer.StartAsync();
        var registry = server.Services.GetRequiredService<HubConnectionRegistry>();
        using var tcp = await HostileTcp.UpgradeAsync(server, "/hubs/agent");
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        await tcp.SendAsync(HostileTcp.TextFrame(Handshake));
        Assert.NotNull(await tcp.ReadFrameAsync(cts.Token));
        await WaitAsync(() => registry.All.Length == 1, "the client never registered");

        tcp.HalfClose();

        Assert.Null(await tcp.ReadFrameAsync(cts.Token));
        await WaitAsync(() => registry.All.Length == 0, "the client stayed registered");
    }

    [Fact]
    public async Task AConnectionIdInTheQuery_GoesToSignalRsEndpoint()
    {
        await using var server = await AgentServer.StartAsync();
        using var tcp = await HostileTcp.ConnectAsync(server);

        await tcp.SendAsync(Encoding.ASCII.GetBytes(
            "GET /hubs/agent?id=unknown HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));

        // SignalR's endpoint knows no such connection; below HTTP it would have been upgraded.
        Assert.StartsWith($"HTTP/1.1 {(int)HttpStatusCode.NotFound}", await tcp.ReadHeadAsync());
    }

    private static TaskCompletionSource<double> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static Task SendTextAsync(ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).WithTimeout();

    // SignalR's JSON records as they arrive, each ended by 0x1e: a WebSocket message may hold several, as one flush or
    // one read of the server's pipe writes them.
    private sealed class HubRecords(ClientWebSocket socket)
    {
        private readonly Queue<string> _ready = new();
        private readonly StringBuilder _partial = new();

        public async Task<string> NextAsync()
        {
            using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
            while (_ready.Count == 0)
            {
                Assert.NotEqual(WebSocketMessageType.Close, await ReceiveAsync(cts.Token));
            }

            return _ready.Dequeue();
        }

        public async Task<(List<string> Records, WebSocketCloseStatus? Status)> UntilCloseAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (await ReceiveAsync(cts.Token) != WebSocketMessageType.Close)
            {
            }

            return ([.. _ready], socket.CloseStatus);
        }

        private async Task<WebSocketMessageType> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Text)
            {
                Assert.True(result.EndOfMessage, "a hub message arrived in more than one frame");
                _partial.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = _partial.ToString();
                var end = text.LastIndexOf('\u001e');
                foreach (var record in text[..(end + 1)].Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
                {
                    _ready.Enqueue(record);
                }

                _partial.Clear().Append(text[(end + 1)..]);
            }

            return result.MessageType;
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
