using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>A payload that cannot be serialized is logged and dropped; the raw clients keep getting the next events.</summary>
public sealed class UnserializablePayloadTests
{
    private const int BroadcastFailedEventId = 1302;

    [Fact]
    public async Task Publish_PayloadThatThrows_LoggedAndTheNextEventStillArrives()
    {
        await using var server = await AgentServer.StartAsync();
        await using var live = await RawSocket.ConnectAsync(server, "?snapshot=false");

        server.Topics.Publish(TopicCatalog.SystemUpdate, new Broken());
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var arrived = await live.ReceiveEventAsync("system_update");

        Assert.Equal("Tower", arrived.GetProperty("data").GetProperty("hostname").GetString());
        Assert.NotEmpty(server.Logs.WithId(BroadcastFailedEventId));

        // A client that connects afterwards gets the good value in its snapshot, not the broken one.
        await using var late = await RawSocket.ConnectAsync(server);
        var snapshot = await late.ReceiveEventAsync("system_update");
        Assert.Equal("Tower", snapshot.GetProperty("data").GetProperty("hostname").GetString());
    }

    private sealed class Broken
    {
        public string Hostname => throw new InvalidOperationException("a collector bug");
    }
}
