using System.Text;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Tests.Hardening;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Hubs;

public sealed class AgentHubGroupTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_GroupsQuery_JoinsAtConnectAndGetsSnapshot(bool messagePack)
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups("OL CHRG"));
        await using var hub = HubClients.Create(server, messagePack, "?groups=ups,system");
        var ups = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<Agent.Contracts.Dtos.Ups.UpsStatus>("UpsStatusUpdate", u => ups.TrySetResult(u.Status));

        await hub.StartAsync().WithTimeout();

        Assert.Equal("OL CHRG", await ups.Task.WithTimeout());
    }

    // A joining client's snapshot and later broadcasts are written beside SignalR's own messages: the handshake answer
    // must still come first, and every message must arrive as one whole final frame.
    [Fact]
    public async Task Connect_GroupsQuery_OnTheWire_HandshakeAnswerComesFirstAndEachMessageIsOneFrame()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 1));
        using var tcp = await HostileTcp.UpgradeAsync(server, "/hubs/agent?groups=system");
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);

        await tcp.SendAsync(HostileTcp.TextFrame("{\"protocol\":\"json\",\"version\":1}\u001e"));
        var answer = await tcp.ReadFrameAsync(cts.Token);
        var snapshot = await NextSystemUpdateAsync(tcp, cts.Token);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 2));
        var broadcast = await NextSystemUpdateAsync(tcp, cts.Token);

        Assert.Equal((HostileTcp.Text, "{}\u001e"), (answer!.Value.Opcode, Encoding.UTF8.GetString(answer.Value.Payload)));
        Assert.Equal(1, snapshot.GetProperty("cpu_usage_percent").GetDouble());
        Assert.Equal(2, broadcast.GetProperty("cpu_usage_percent").GetDouble());
    }

    [Fact]
    public async Task Unsubscribe_JoinedGroup_StopsItsPushes()
    {
        await using var server = await AgentServer.StartAsync();
        await using var hub = HubClients.Create(server, messagePack: false);
        var systemCount = 0;
        var network = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("SystemUpdate", _ => Interlocked.Increment(ref systemCount));
        hub.On<JsonElement>("NetworkListUpdate", _ => network.TrySetResult());
        await hub.StartAsync().WithTimeout();
        await hub.InvokeAsync("Subscribe", new[] { "system", "network" }).WithTimeout();

        await hub.InvokeAsync("Unsubscribe", new[] { "system" }).WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.NetworkListUpdate, Sample.Network());
        await network.Task.WithTimeout();

        // Pushes to one connection keep their order, so the network update proves the system one was not sent.
        Assert.Equal(0, Volatile.Read(ref systemCount));
    }

    [Fact]
    public async Task Subscribe_UnknownGroupRepeated_AnswersCallerAndLogsNoError()
    {
        await using var server = await AgentServer.StartAsync();
        await using var hub = HubClients.Create(server, messagePack: false);
        await hub.StartAsync().WithTimeout();

        for (var i = 0; i < 20; i++)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", new[] { "nope" }).WithTimeout());
            Assert.Contains("unknown group(s): 'nope'", error.Message, StringComparison.Ordinal);
        }

        // The connection still works, and the log holds no error for the caller's mistake.
        await hub.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        Assert.Empty(server.Logs.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Error));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connect_OverCap_ClosesWithErrorNamingCap(bool messagePack)
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "1" });
        await using var first = HubClients.Create(server, messagePack);
        await first.StartAsync().WithTimeout();
        await using var second = HubClients.Create(server, messagePack);

        var error = await HubClients.StartAndSettleAsync(second, TimeSpan.FromSeconds(5));

        Assert.NotNull(error);
        Assert.Contains("maximum connections reached (max_clients=1)", error.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, first.State);
    }

    // Reads frames up to the next SystemUpdate (the source's status may come between), checking that each frame is one
    // whole text frame holding one hub message.
    private static async Task<JsonElement> NextSystemUpdateAsync(HostileTcp tcp, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await tcp.ReadFrameAsync(cancellationToken);
            Assert.NotNull(frame);
            Assert.Equal(HostileTcp.Text, frame.Value.Opcode);
            var text = Encoding.UTF8.GetString(frame.Value.Payload);
            Assert.Equal(text.Length - 1, text.IndexOf('\u001e', StringComparison.Ordinal));
            using var message = JsonDocument.Parse(text[..^1]);
            if (message.RootElement.GetProperty("target").GetString() == "SystemUpdate")
            {
                return message.RootElement.GetProperty("arguments")[0].Clone();
            }
        }
    }
}
