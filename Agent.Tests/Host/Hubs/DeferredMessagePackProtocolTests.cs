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
    public void NameVersionAndFormat_AreThoseOfSignalRsProtocol()
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
    public async Task JsonClients_LeaveItUnbuilt_FirstMessagePackClientBuildsItAndReceives()
    {
        await using var server = await AgentServer.StartAsync();
        var deferred = server.Services.GetServices<IHubProtocol>().OfType<DeferredMessagePackProtocol>().Single();
        await using var json = HubClients.Create(server, messagePack: false);
        var fromJson = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        json.On<object>("SystemUpdate", payload => fromJson.TrySetResult(payload));
        await json.StartAsync().WithTimeout();
        await json.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        await fromJson.Task.WithTimeout();
        Assert.False(deferred.IsBuilt);

        await using var messagePack = HubClients.Create(server, messagePack: true);
        var fromMessagePack = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        messagePack.On<object>("SystemUpdate", payload => fromMessagePack.TrySetResult(payload));
        await messagePack.StartAsync().WithTimeout();
        await messagePack.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());

        Assert.NotNull(await fromMessagePack.Task.WithTimeout());
        Assert.True(deferred.IsBuilt);
    }
}
