using Agent.Contracts.Dtos.System;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Hubs;

public sealed class AgentHubTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribe_TopicAlreadyPublished_SendsLatestAtOnceThenLive(bool messagePack)
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 1));
        await using var hub = HubClients.Create(server, messagePack);
        var received = new List<SystemSnapshot>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<SystemSnapshot>("SystemUpdate", s =>
        {
            lock (received)
            {
                received.Add(s);
                (received.Count == 1 ? first : second).TrySetResult();
            }
        });
        await hub.StartAsync().WithTimeout();

        await hub.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        await first.Task.WithTimeout();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 2));
        await second.Task.WithTimeout();

        Assert.Equal([1.0, 2.0], received.Select(r => r.CpuUsagePercent));
        Assert.Equal("Tower", received[1].Hostname);
        Assert.Equal(0.21, received[1].LoadAverage1Minute);
        Assert.Equal(10.5, received[1].CpuPerCoreUsage["cpu0"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribe_UnknownGroup_FailsNamingIt(bool messagePack)
    {
        await using var server = await AgentServer.StartAsync();
        await using var hub = HubClients.Create(server, messagePack);
        await hub.StartAsync().WithTimeout();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", new[] { "system", "bogus" }).WithTimeout());

        Assert.Contains("'bogus'", error.Message, StringComparison.Ordinal);
    }
}
