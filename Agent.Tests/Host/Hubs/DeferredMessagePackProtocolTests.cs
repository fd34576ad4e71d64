using Agent.Contracts.Topics;
using Agent.Host.Hubs;
using Agent.Tests.Support;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Host.Hubs;

/// <summary>The MessagePack protocol is built when a client first asks for it, and speaks like SignalR's own.</summary>
public sealed class DeferredMessagePackProtocolTests
{
    [Fact]
    public void Constants_ComparedWithSignalRsProtocol_AreEqual()
    {
        var real = new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions()));
        var deferred = new DeferredMessagePackProtocol();

        Assert.Equal(real.Name, deferred.Name);
        Assert.Equal(real.Version, deferred.Version);
        Assert.Equal(real.TransferFormat, deferred.TransferFormat);
        Assert.Equal(TransferFormat.Binary, deferred.TransferFormat);
        Assert.False(deferred.IsBuilt);
    }

    [Fact]
    public async Task Build_JsonClientThenMessagePackClient_BuiltOnlyForMessagePack()
    {
        await using var server = await AgentServer.StartAsync();
        var deferred = server.Services.GetServices<IHubProtocol>().OfType<DeferredMessagePackProtocol>().Single();
        await using var json = HubClients.Create(server, messagePack: false);
        await ReceiveSystemUpdateAsync(server, json);
        Assert.False(deferred.IsBuilt);

        await using var messagePack = HubClients.Create(server, messagePack: true);
        await ReceiveSystemUpdateAsync(server, messagePack);
        Assert.True(deferred.IsBuilt);
    }

    // Starts the client, joins it to the system group and waits for the push of one published update.
    private static async Task ReceiveSystemUpdateAsync(AgentServer server, HubConnection connection)
    {
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<object>("SystemUpdate", payload => received.TrySetResult(payload));
        await connection.StartAsync().WithTimeout();
        await connection.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        Assert.NotNull(await received.Task.WithTimeout());
    }
}
