using System.Text;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

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
    public Task RawSocket_PingFlood_IsAnsweredAndTheSocketStillClosesCleanly() =>
        HostileScenario.RunAsync(server =>
        {
            var one = HostileTcp.Frame(HostileTcp.Ping, "12345678"u8);
            var flood = new byte[one.Length * 10_000];
            for (var i = 0; i < 10_000; i++)
            {
                one.CopyTo(flood, i * one.Length);
            }

            return ExpectCloseAsync(server, [.. flood, .. HostileTcp.CloseFrame(1000)], 1000);
        });

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
