using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;
using Agent.Host.WebSockets;
using Agent.Tests.Hardening;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.WebSockets;

/// <summary>
/// The raw socket (and the hub's, for a client that skips negotiation) served below HTTP when a connection opens with its
/// upgrade, and handed to the HTTP server otherwise: both entries serve the same socket, and every refusal keeps the HTTP
/// server's answer.
/// </summary>
public sealed class UpgradeConnectionHandlerTests
{
    private static readonly Dictionary<string, string?> s_debugLog = new() { ["Serilog:MinimumLevel:Default"] = "Debug" };

    // A client that sends its close frame and at once ends its side of the TCP connection still reads the close reply:
    // its FIN ends nothing before the reply is out. Nothing comes before the reply either: not even, on the hub, the close
    // message SignalR writes when it sees the end (its own transport does not send it either).
    // Below HTTP only: through it, the HTTP server ends an upgraded request when the client's side ends, whatever is still
    // to be sent (that is how it treats every request, and it races the reply there).
    [Theory]
    [InlineData("/api/v1/ws?snapshot=false", false)]
    [InlineData("/hubs/agent", true)]
    public async Task CloseThenHalfClose_StillGetsTheCloseReply(string path, bool hub)
    {
        await using var server = await AgentServer.StartAsync();
        for (var round = 0; round < 5; round++)
        {
            using var tcp = await HostileTcp.UpgradeAsync(server, path);
            if (hub)
            {
                using var handshake = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
                await tcp.SendAsync(HostileTcp.TextFrame("{\"protocol\":\"json\",\"version\":1}\u001e"));
                Assert.NotNull(await tcp.ReadFrameAsync(handshake.Token));
            }

            await tcp.SendAsync(HostileTcp.Frame(HostileTcp.Close, [0x03, 0xE8]));
            tcp.HalfClose();
            using var reply = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
            var frame = await tcp.ReadFrameAsync(reply.Token);

            Assert.Equal(HostileTcp.Close, frame?.Opcode);
            Assert.Equal([0x03, 0xE8], frame!.Value.Payload[..2]);
        }
    }

    [Fact]
    public async Task Connect_FirstRequestOfConnection_IsServedBelowHttp()
    {
        await using var server = await AgentServer.StartAsync(s_debugLog);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());

        await using var client = await RawSocket.ConnectAsync(server);
        var snapshot = await client.ReceiveEventAsync("system_update");

        Assert.Equal(12.5, snapshot.GetProperty("data").GetProperty("cpu_usage_percent").GetDouble());
        Assert.Single(Connected(server), m => m.Contains(RawSession.BelowHttp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_AfterRequestOnSameConnection_IsServedThroughHttp()
    {
        await using var server = await AgentServer.StartAsync(s_debugLog);
        using var tcp = await HostileTcp.ConnectAsync(server);
        await tcp.SendAsync(Encoding.ASCII.GetBytes($"GET /api/v1/health HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n"));
        var health = await tcp.ReadHeadAsync().WithTimeout();
        await ReadChunkedBodyAsync(tcp);

        await tcp.SendAsync(UpgradeBytes(server, "/api/v1/ws?snapshot=false"));
        var head = await tcp.ReadHeadAsync().WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var frame = await NextTextAsync(tcp);

        Assert.StartsWith("HTTP/1.1 200", health, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"system_update\"", frame, StringComparison.Ordinal);
        Assert.Single(Connected(server), m => m.Contains(RawSession.ThroughHttp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_SplitAcrossWrites_IsServedBelowHttp()
    {
        await using var server = await AgentServer.StartAsync(s_debugLog);
        using var tcp = await HostileTcp.ConnectAsync(server);
        var request = UpgradeBytes(server, "/api/v1/ws?snapshot=false");

        foreach (var (start, length) in new[] { (0, 5), (5, 30), (35, request.Length - 35) })
        {
            await tcp.SendAsync(request[start..(start + length)]);
            await Task.Delay(50);
        }

        var head = await tcp.ReadHeadAsync().WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var frame = await NextTextAsync(tcp);

        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Contains("Sec-WebSocket-Accept: " + AcceptFor(request), head, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"system_update\"", frame, StringComparison.Ordinal);
        Assert.Single(Connected(server), m => m.Contains(RawSession.BelowHttp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upgrade_FramesSentWithTheRequest_AreReadBySocket()
    {
        await using var server = await AgentServer.StartAsync();
        using var tcp = await HostileTcp.ConnectAsync(server);

        // The subscribe and a ping travel in the request's own write; the pong proves the subscribe was handled before it.
        var subscribe = HostileTcp.TextFrame("{\"subscribe\":[\"ups_status_update\"]}");
        var ping = HostileTcp.Frame(HostileTcp.Ping, "p"u8);
        await tcp.SendAsync([.. UpgradeBytes(server, "/api/v1/ws?snapshot=false"), .. subscribe, .. ping]);
        var head = await tcp.ReadHeadAsync().WithTimeout();
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        var pong = await tcp.ReadFrameAsync(timeout.Token);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
        var frame = await NextTextAsync(tcp);

        Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);
        Assert.Equal(HostileTcp.Pong, pong!.Value.Opcode);
        Assert.Contains("\"event\":\"ups_status_update\"", frame, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ClientPingsWhileFrameWaits_PongWaitsForWholeFrame()
    {
        await using var server = await AgentServer.StartAsync();
        using var tcp = await HostileTcp.UpgradeAsync(server);

        // The client reads nothing until the buffers are full and the pump's frame waits half-written; its pings make the
        // socket write pongs to the same stream, which must wait for the frame to end.
        // About 1 MB an event, spread out so that each is written: more than the kernel's buffers hold.
        for (var i = 0; i < 30; i++)
        {
            server.Topics.Publish(TopicCatalog.DiskListUpdate, Sample.Disks(2000 + i));
            await Task.Delay(20);
        }

        await tcp.SendAsync(HostileTcp.Pings(3));
        await Task.Delay(200);
        var (texts, pongs) = await ReadUntilAsync(tcp, lastDiskCount: 2029, pongs: 3);

        Assert.NotEmpty(texts);
        Assert.All(texts, t => Assert.Contains("\"event\":\"disk_list_update\"", t, StringComparison.Ordinal));
        Assert.Equal(3, pongs);
    }

    [Fact]
    public async Task Upgrade_OverCap_IsRefusedOnceThroughHttp()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "1" });
        await using var first = await RawSocket.ConnectAsync(server);
        var budget = server.Services.GetRequiredService<ConnectionBudget>();

        var refused = await Assert.ThrowsAsync<WebSocketException>(
            () => RawSocket.ConnectAsync(server, configure: o => o.CollectHttpResponseDetails = true));

        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, budget.RejectedTotal);
        Assert.Equal(1, budget.Current);
    }

    [Fact]
    public async Task Connection_SendingNothing_IsClosedAfterKeepAliveTimeout()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:Limits:KeepAliveTimeoutSeconds"] = "1" });
        using var tcp = await HostileTcp.ConnectAsync(server);

        var answer = await HostileTcp.ReadToEndAsync(tcp.Stream, TimeSpan.FromSeconds(10));

        Assert.Equal(string.Empty, answer);
    }

    [Fact]
    public async Task Connection_ResetMidRequest_EndsQuietly()
    {
        await using var server = await AgentServer.StartAsync();
        using (var offender = await HostileTcp.ConnectAsync(server))
        {
            await offender.SendAsync(Encoding.ASCII.GetBytes($"GET /api/v1/ws HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n"));
            await Task.Delay(100);
            offender.Reset();
        }

        await Task.Delay(300);
        await using var client = await RawSocket.ConnectAsync(server);

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.Socket.State);
        Assert.Empty(server.Logs.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task Connection_OtherRequestFirst_IsAnsweredByHttp()
    {
        await using var server = await AgentServer.StartAsync(s_debugLog);
        using var http = server.CreateClient();

        using var response = await http.GetAsync("api/v1/health").WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Connected(server));
    }

    private static IEnumerable<string> Connected(AgentServer server) =>
        server.Logs.WithId(1100).Select(r => r.Message);

    private static byte[] UpgradeBytes(AgentServer server, string pathAndQuery) =>
        Encoding.ASCII.GetBytes(
            $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\n\r\n");

    private static string AcceptFor(byte[] request)
    {
        var text = Encoding.ASCII.GetString(request);
        var key = text.Split("\r\n").Single(l => l.StartsWith("Sec-WebSocket-Key: ", StringComparison.Ordinal))["Sec-WebSocket-Key: ".Length..];
        return Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
    }

    // A chunked body ends with its zero-length chunk: "0" and two line ends.
    private static async Task ReadChunkedBodyAsync(HostileTcp tcp)
    {
        var body = new StringBuilder();
        var one = new byte[1];
        while (!body.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal))
        {
            await tcp.Stream.ReadExactlyAsync(one).AsTask().WithTimeout();
            body.Append((char)one[0]);
        }
    }

    // Reads frames until the last disk list and the expected pongs have arrived; every text frame must parse.
    private static async Task<(List<string> Texts, int Pongs)> ReadUntilAsync(HostileTcp tcp, int lastDiskCount, int pongs)
    {
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        var texts = new List<string>();
        var seenPongs = 0;
        var seenLast = false;
        while (!(seenLast && seenPongs >= pongs) && await tcp.ReadFrameAsync(timeout.Token) is { } frame)
        {
            seenPongs += frame.Opcode == HostileTcp.Pong ? 1 : 0;
            if (frame.Opcode == HostileTcp.Text)
            {
                var text = Encoding.UTF8.GetString(frame.Payload);
                using var document = System.Text.Json.JsonDocument.Parse(text);
                texts.Add(text);
                seenLast |= document.RootElement.GetProperty("data").GetArrayLength() == lastDiskCount;
            }
        }

        return (texts, seenPongs);
    }

    private static async Task<string> NextTextAsync(HostileTcp tcp)
    {
        using var timeout = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        while (await tcp.ReadFrameAsync(timeout.Token) is { } frame)
        {
            if (frame.Opcode == HostileTcp.Text)
            {
                return Encoding.UTF8.GetString(frame.Payload);
            }
        }

        throw new InvalidOperationException("the connection ended before a text frame");
    }
}
