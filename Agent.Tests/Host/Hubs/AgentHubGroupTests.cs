using System.Text.Json;
using Agent.Contracts.Topics;
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
}
