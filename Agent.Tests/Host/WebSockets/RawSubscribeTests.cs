using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.WebSockets;

/// <summary>The subscribe semantics of the raw socket: each case of the protocol's subscribe rules, end to end.</summary>
public sealed class RawSubscribeTests
{
    [Theory]
    [InlineData("{\"subscribe\":[\"ups_status_update\"]}", "ups_status_update")]
    [InlineData("{\"subscribe\":[\"ups_status_update\",\"no_such_topic\"]}", "ups_status_update")]
    [InlineData("{\"subscribe\":[]}", "system_update,ups_status_update,network_list_update")]
    [InlineData("{\"subscribe\":null}", "system_update,ups_status_update,network_list_update")]
    public async Task Subscribe_ValidFrame_ReplacesFilterAndSendsSnapshotOfIt(string frame, string expected)
    {
        await using var server = await AgentServer.StartAsync();
        PublishThree(server);
        await using var client = await RawSocket.ConnectAsync(server);
        await ReceiveEventsAsync(client, 3);
        await SubscribeAndAwaitSnapshotAsync(client, "network_list_update");

        await client.SendTextAsync(frame);
        var snapshot = await ReceiveEventsAsync(client, expected.Split(',').Length);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 99));
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups("ONBATT"));
        var live = await NextTopicAsync(client);

        Assert.Equal(expected.Split(','), snapshot);
        Assert.Equal(expected.Split(',')[0], live);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"unsubscribe\":[\"system_update\"]}")]
    [InlineData("{\"subscribe\":\"system_update\"}")]
    [InlineData("{\"subscribe\":[1,2]}")]
    [InlineData("{\"subscribe\":[\"system_update\",null]}")]
    [InlineData("[\"system_update\"]")]
    [InlineData("{\"subscribe\":{\"a\":1}}")]
    public async Task Subscribe_MalformedFrame_KeepsFilterAndConnection(string frame)
    {
        await using var server = await AgentServer.StartAsync();
        PublishThree(server);
        await using var client = await RawSocket.ConnectAsync(server);
        await ReceiveEventsAsync(client, 3);
        await SubscribeAndAwaitSnapshotAsync(client, "ups_status_update");

        await client.SendTextAsync(frame);
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
        var next = await NextTopicAsync(client);

        Assert.Equal("ups_status_update", next);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.Socket.State);
    }

    [Fact]
    public async Task Connect_NoSubscribe_ReceivesEveryTopic()
    {
        await using var server = await AgentServer.StartAsync();
        await using var client = await RawSocket.ConnectAsync(server, "?snapshot=false");

        var names = new List<string>();
        foreach (var topic in new[] { TopicCatalog.SystemUpdate, TopicCatalog.UpsStatusUpdate, TopicCatalog.NetworkListUpdate })
        {
            server.Topics.Publish(
                topic,
                topic == TopicCatalog.SystemUpdate ? Sample.System() : topic == TopicCatalog.UpsStatusUpdate ? Sample.Ups() : Sample.Network());
            names.Add(await NextTopicAsync(client));
        }

        Assert.Equal(["system_update", "ups_status_update", "network_list_update"], names);
    }

    [Fact]
    public async Task Subscribe_SnapshotDisabled_SendsNoSnapshotAfterSubscribe()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 1));
        await using var client = await RawSocket.ConnectAsync(server, "?snapshot=false");

        await client.SendTextAsync("{\"subscribe\":[\"system_update\"]}");
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: 2));
        var first = await client.ReceiveEventAsync("system_update");

        Assert.Equal(2, first.GetProperty("data").GetProperty("cpu_usage_percent").GetDouble());
    }

    private static void PublishThree(AgentServer server)
    {
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
        server.Topics.Publish(TopicCatalog.NetworkListUpdate, Sample.Network());
    }

    // The snapshot that follows a subscribe tells the test that the server has applied it.
    private static async Task SubscribeAndAwaitSnapshotAsync(RawSocket client, string topic)
    {
        await client.SendTextAsync($"{{\"subscribe\":[\"{topic}\"]}}");
        Assert.Equal([topic], await ReceiveEventsAsync(client, 1));
    }

    // Source health frames (the disabled collectors of the test host) pass every filter-less client; skip them.
    private static async Task<List<string>> ReceiveEventsAsync(RawSocket client, int count)
    {
        var names = new List<string>();
        while (names.Count < count)
        {
            var name = await NextTopicAsync(client);
            names.Add(name);
        }

        return names;
    }

    private static async Task<string> NextTopicAsync(RawSocket client)
    {
        while (true)
        {
            var name = (await client.ReceiveAsync())!.Value.GetProperty("event").GetString()!;
            if (name != TopicCatalog.SourceStatusChanged.Name)
            {
                return name;
            }
        }
    }
}
