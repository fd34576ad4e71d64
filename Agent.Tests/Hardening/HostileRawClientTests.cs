using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Hardening;

[Collection(HardeningCollection.Name)]
public sealed class HostileRawClientTests
{
    private static readonly Dictionary<string, string?> s_fastKeepalive = new()
    {
        ["Agent:PingIntervalSeconds"] = "1",
        ["Agent:ClientTimeoutSeconds"] = "3",
    };

    [Fact]
    public Task RawSocket_BinaryFrame_ClosesWith1003() =>
        HostileScenario.RunAsync(server => ExpectCloseAsync(server, HostileTcp.Frame(HostileTcp.Binary, "{}"u8), 1003));

    [Fact]
    public Task RawSocket_InvalidUtf8_ClosesWith1007() =>
        HostileScenario.RunAsync(server => ExpectCloseAsync(server, HostileTcp.Frame(HostileTcp.Text, [0x7B, 0xC3, 0x28, 0x7D]), 1007));

    [Fact]
    public Task RawSocket_FrameOver64KiB_ClosesWith1009() =>
        HostileScenario.RunAsync(server => ExpectCloseAsync(server, HostileTcp.Frame(HostileTcp.Text, new byte[70 * 1024]), 1009));

    [Fact]
    public Task RawSocket_FragmentsSummingPast64KiB_CloseWith1009() =>
        HostileScenario.RunAsync(server => ExpectCloseAsync(
            server,
            [
                .. HostileTcp.Frame(HostileTcp.Text, Spaces(40 * 1024), fin: false),
                .. HostileTcp.Frame(HostileTcp.Continuation, Spaces(20 * 1024), fin: false),
                .. HostileTcp.Frame(HostileTcp.Continuation, Spaces(10 * 1024)),
            ],
            1009));

    [Fact]
    public Task RawSocket_TenThousandSubscribesInASecond_ClosesWith1008() =>
        HostileScenario.RunAsync(server =>
        {
            var one = HostileTcp.TextFrame("{\"subscribe\":[\"system_update\"]}");
            var flood = new byte[one.Length * 10_000];
            for (var i = 0; i < 10_000; i++)
            {
                one.CopyTo(flood, i * one.Length);
            }

            return ExpectCloseAsync(server, flood, 1008);
        });

    [Fact]
    public Task RawSocket_PingFlood_ClosesWith1008() =>
        HostileScenario.RunAsync(async server =>
        {
            using var offender = await HostileTcp.UpgradeAsync(server);
            var sending = offender.SendAsync(HostileTcp.Pings(10_000));
            var close = await offender.ReadCloseAsync();
            await sending;

            Assert.Equal((1008, "ping flood"), close);
        });

    [Fact]
    public async Task RawSocket_PingsUpToTheLimit_AreAnsweredAndTheSocketStaysOpen()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxInboundPingsPerSecond"] = "20" });
        using var client = await HostileTcp.UpgradeAsync(server);
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);

        await client.SendAsync(HostileTcp.Pings(20));
        var pongs = 0;
        while (pongs < 20 && await client.ReadFrameAsync(cts.Token) is { Opcode: HostileTcp.Pong })
        {
            pongs++;
        }

        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var live = await ReadEventAsync(client, cts.Token);

        Assert.Equal(20, pongs);
        Assert.Equal("system_update", live);
    }

    [Theory]
    [InlineData("api/v1/ws?snapshot=false")]
    [InlineData("hubs/agent")]
    public async Task WebSocketOverHttp2_PongFlood_ClosesWith1008(string pathAndQuery)
    {
        using var folder = new TempFolder();
        using var certificate = TestCertificates.SelfSigned();
        var settings = TestCertificates.HttpsSettings(folder, certificate);
        settings["Agent:MaxInboundPingsPerSecond"] = "5";
        await using var server = await AgentServer.StartAsync(settings);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString();
        using var invoker = new HttpMessageInvoker(handler);
        using var socket = new ClientWebSocket();

        // RFC 8441 over TLS, and an unsolicited pong every millisecond: the client's own keepalive turned into a flood.
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.KeepAliveInterval = TimeSpan.FromMilliseconds(1);
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        await socket.ConnectAsync(new Uri($"wss://{server.BaseAddress.Authority}/{pathAndQuery}"), invoker, cts.Token);
        await socket.SendAsync("{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray(), WebSocketMessageType.Text, true, cts.Token);
        var buffer = new byte[4096];
        while ((await socket.ReceiveAsync(buffer.AsMemory(), cts.Token)).MessageType != WebSocketMessageType.Close)
        {
        }

        Assert.Equal((WebSocketCloseStatus.PolicyViolation, "ping flood"), (socket.CloseStatus, socket.CloseStatusDescription));
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public Task RawSocket_ResetInTheMiddleOfAFrame_ReleasesTheSlot() =>
        HostileScenario.RunAsync(async server =>
        {
            using var offender = await HostileTcp.UpgradeAsync(server);
            var frame = HostileTcp.TextFrame("{\"subscribe\":[\"" + new string('x', 1000) + "\"]}");
            await offender.SendAsync(frame[..40]);
            offender.Reset();
        });

    [Fact]
    public Task RawSocket_HalfOpenClient_IsClosedByTheKeepaliveTimeout() =>
        HostileScenario.RunAsync(
            async server =>
            {
                using var offender = await HostileTcp.UpgradeAsync(server);
                await HostileScenario.WaitForSlotsAsync(server, Bystanders.Count);
            },
            s_fastKeepalive,
            rounds: 2);

    [Fact]
    public Task Handshake_NeverCompleted_IsClosedByRequestHeadersTimeout() =>
        HostileScenario.RunAsync(
            async server =>
            {
                using var offender = await HostileTcp.ConnectAsync(server);
                await offender.SendAsync(Encoding.ASCII.GetBytes("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nSec-WebSo"));
                var answer = await HostileTcp.ReadToEndAsync(offender.Stream, TimeSpan.FromSeconds(10));
                Assert.DoesNotContain("TIMEOUT", answer, StringComparison.Ordinal);
            },
            new Dictionary<string, string?> { ["Agent:Limits:RequestHeadersTimeoutSeconds"] = "1" },
            rounds: 3);

    [Fact]
    public async Task RawSocket_SubscribeSplitOverFragments_Works()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
        using var client = await HostileTcp.UpgradeAsync(server, "/api/v1/ws");
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        var snapshot = new[] { await ReadEventAsync(client, cts.Token), await ReadEventAsync(client, cts.Token) };

        await client.SendAsync(
        [
            .. HostileTcp.TextFrame("{\"subscribe\":", fin: false),
            .. HostileTcp.Frame(HostileTcp.Continuation, "[\"ups_status"u8, fin: false),
            .. HostileTcp.Frame(HostileTcp.Continuation, "_update\"]}"u8),
        ]);
        var afterSubscribe = await ReadEventAsync(client, cts.Token);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
        var live = await ReadEventAsync(client, cts.Token);

        Assert.Equal(["system_update", "ups_status_update"], snapshot.Order());
        Assert.Equal("ups_status_update", afterSubscribe);
        Assert.Equal("ups_status_update", live);
    }

    private static async Task<string?> ReadEventAsync(HostileTcp client, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await client.ReadFrameAsync(cancellationToken) ?? throw new InvalidOperationException("the server closed the socket");
            Assert.Equal(HostileTcp.Text, frame.Opcode);
            var name = JsonDocument.Parse(frame.Payload).RootElement.GetProperty("event").GetString();
            if (name != TopicCatalog.SourceStatusChanged.Name)
            {
                return name;
            }
        }
    }

    private static async Task ExpectCloseAsync(AgentServer server, byte[] abuse, int expectedStatus)
    {
        using var offender = await HostileTcp.UpgradeAsync(server);
        var sending = offender.SendAsync(abuse);
        var status = await offender.ReadCloseStatusAsync();
        await sending;

        Assert.Equal(expectedStatus, status);
    }

    private static byte[] Spaces(int count) => Enumerable.Repeat((byte)' ', count).ToArray();
}
