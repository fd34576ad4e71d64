using System.Globalization;
using System.Text;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Hardening;

[Collection(HardeningCollection.Name)]
public sealed class HostileHubClientTests
{
    private const string JsonHandshake = "{\"protocol\":\"json\",\"version\":1}\u001e";

    private static readonly TimeSpan s_hubClientTimeout = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Hub_UnknownMethod_AnswersAnErrorAndStaysOpen(bool messagePack) =>
        HostileScenario.RunAsync(server => WithHubAsync(server, messagePack, async hub =>
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("NoSuchMethod", 1, "two").WithTimeout());
            Assert.Equal(HubConnectionState.Connected, hub.State);
        }));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Hub_WrongArgumentTypes_AnswersAnErrorAndStaysOpen(bool messagePack) =>
        HostileScenario.RunAsync(server => WithHubAsync(server, messagePack, async hub =>
        {
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", 42).WithTimeout());
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe").WithTimeout());
            await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", new[] { "system" }, "extra").WithTimeout());
            await hub.InvokeAsync("Subscribe", new[] { TopicCatalog.Groups.System }).WithTimeout();
        }));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public Task Hub_MessageOver64KiB_ClosesTheConnection(bool messagePack, bool negotiate) =>
        HostileScenario.RunAsync(server => WithHubAsync(server, messagePack, negotiate, async hub =>
        {
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += e =>
            {
                closed.TrySetResult(e);
                return Task.CompletedTask;
            };

            var invoking = hub.InvokeAsync("Subscribe", new[] { new string('x', 100 * 1024) });
            var error = await closed.Task.WithTimeout();

            Assert.NotNull(error);
            await Assert.ThrowsAnyAsync<Exception>(() => invoking.WithTimeout());
        }));

    [Fact]
    public Task Hub_TenThousandSubscribes_IsServedWithoutHarm() =>
        HostileScenario.RunAsync(
            server => WithHubAsync(server, messagePack: false, async hub =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    await hub.SendAsync("Subscribe", new[] { TopicCatalog.Groups.Ups }).WithTimeout();
                }

                await hub.InvokeAsync("Unsubscribe", new[] { TopicCatalog.Groups.Ups }).WithTimeout();
                Assert.Equal(HubConnectionState.Connected, hub.State);
            }),
            rounds: 2);

    // Each hostile socket twice: served below the HTTP server (the connection's first request) and through it.
    [Theory]
    [InlineData("garbage", false)]
    [InlineData("binary", false)]
    [InlineData("invalid-utf8", false)]
    [InlineData("reset", false)]
    [InlineData("garbage", true)]
    [InlineData("binary", true)]
    [InlineData("invalid-utf8", true)]
    [InlineData("reset", true)]
    public Task HubSocket_MalformedFrames_EndTheConnection(string kind, bool throughHttp) =>
        HostileScenario.RunAsync(async server =>
        {
            using var offender = await HostileTcp.UpgradeAsync(server, "/hubs/agent", throughHttp);
            await offender.SendAsync(HostileTcp.TextFrame(JsonHandshake));
            byte[] abuse = kind switch
            {
                "garbage" => HostileTcp.TextFrame("{\"type\":1,\"target\":\u001e"),
                "binary" => HostileTcp.Frame(HostileTcp.Binary, [0xFF, 0x00, 0x1E]),
                "invalid-utf8" => HostileTcp.Frame(HostileTcp.Text, [0x7B, 0xC3, 0x28, 0x1E]),
                _ => HostileTcp.TextFrame("{\"type\":1,\"target\":\"Subscribe\",\"arguments\":[[\"" + new string('x', 500) + "\"]]}\u001e")[..30],
            };
            await offender.SendAsync(abuse);
            if (kind == "reset")
            {
                offender.Reset();
                return;
            }

            // The hub answers with its close message and a close frame, or (invalid UTF-8) with a reset: either ends it.
            var status = await offender.ReadCloseStatusAsync();
            Assert.True(status is null or 1000 or 1002 or 1003 or 1007 or 1011, $"unexpected close status {status}");
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task HubSocket_PingFlood_ClosesWith1008(bool throughHttp) =>
        HostileScenario.RunAsync(async server =>
        {
            using var offender = await HostileTcp.UpgradeAsync(server, "/hubs/agent", throughHttp);
            await offender.SendAsync(HostileTcp.TextFrame(JsonHandshake));
            using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
            var handshake = await offender.ReadFrameAsync(cts.Token);

            var sending = offender.SendAsync(HostileTcp.Pings(10_000));
            var close = await offender.ReadCloseAsync();
            await sending;

            Assert.Equal("{}\u001e", Encoding.UTF8.GetString(handshake!.Value.Payload));
            Assert.Equal((1008, "ping flood"), close);
            Assert.NotEmpty(server.Logs.WithId(1106));
        });

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public Task HubSocket_HalfOpenClient_IsDroppedByTheClientTimeout(bool pingedOnce, bool throughHttp) =>
        HostileScenario.RunAsync(
            async server =>
            {
                using var offender = await HostileTcp.UpgradeAsync(server, "/hubs/agent", throughHttp);
                await offender.SendAsync(HostileTcp.TextFrame(JsonHandshake));

                // SignalR starts its own client timeout at the first ping message; without one, the WebSocket keepalive drops it.
                if (pingedOnce)
                {
                    await offender.SendAsync(HostileTcp.TextFrame("{\"type\":6}\u001e"));
                }

                var silentSince = DateTime.UtcNow;

                // The handshake took a slot; from now on the offender sends nothing and reads nothing.
                await HostileScenario.WaitForSlotsAsync(server, Bystanders.Count + 1);
                await HostileScenario.WaitForSlotsAsync(server, Bystanders.Count);
                var silentFor = DateTime.UtcNow - silentSince;
                var closed = await offender.ReadCloseStatusAsync(TimeSpan.FromSeconds(30));

                Assert.True(silentFor >= s_hubClientTimeout - TimeSpan.FromSeconds(1), $"dropped after {silentFor.TotalSeconds:0.0} s");
                Assert.True(closed is null or 1000, $"unexpected close status {closed}");
            },
            new Dictionary<string, string?>
            {
                ["Agent:HubClientTimeoutSeconds"] = s_hubClientTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                ["Agent:HubKeepAliveSeconds"] = "1",
            },
            rounds: 2);

    private static Task WithHubAsync(AgentServer server, bool messagePack, Func<HubConnection, Task> abuse) =>
        WithHubAsync(server, messagePack, negotiate: false, abuse);

    private static async Task WithHubAsync(AgentServer server, bool messagePack, bool negotiate, Func<HubConnection, Task> abuse)
    {
        await using var hub = HubClients.Create(server, messagePack, negotiate: negotiate);
        await hub.StartAsync().WithTimeout();
        await abuse(hub);
    }
}
