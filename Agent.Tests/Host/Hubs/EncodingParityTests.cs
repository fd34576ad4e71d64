using System.Text.Json;
using System.Text.Json.Nodes;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Hubs;

/// <summary>One event decoded from every transport and client carries the same keys and values.</summary>
public sealed class EncodingParityTests
{
    [Fact]
    public async Task SystemUpdate_RawJsonAndMessagePack_SameKeysAndValues()
    {
        await using var server = await AgentServer.StartAsync();
        await using var raw = await RawSocket.ConnectAsync(server, "?snapshot=false");
        var fromJson = await ListenAsync(server, messagePack: false);
        var fromMessagePack = await ListenAsync(server, messagePack: true);

        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var rawData = Canonical((await raw.ReceiveEventAsync("system_update")).GetProperty("data"));
        var jsonData = Canonical(await fromJson.Received.WithTimeout());
        var messagePackData = Canonical(await fromMessagePack.Received.WithTimeout());

        Assert.True(JsonNode.DeepEquals(rawData, jsonData), $"SignalR JSON differs: {jsonData}");
        Assert.True(JsonNode.DeepEquals(rawData, messagePackData), $"MessagePack differs: {messagePackData}");
        await fromJson.Connection.DisposeAsync();
        await fromMessagePack.Connection.DisposeAsync();
    }

    [Theory]
    [InlineData("json")]
    [InlineData("msgpack")]
    public async Task NpmClient_SubscribedToSystem_ReceivesLiveEventWithProtocolKeys(string protocol)
    {
        await using var server = await AgentServer.StartAsync();
        await using var raw = await RawSocket.ConnectAsync(server, "?snapshot=false");
        await using var node = NodeScript.Start("signalr-client.mjs", server.Http("hubs/agent").ToString(), protocol, "system", "SystemUpdate");
        Assert.Equal("READY", await node.ReadLineAsync());

        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        var fromNode = Canonical(JsonDocument.Parse(await node.ReadLineAsync()).RootElement);
        var rawData = Canonical((await raw.ReceiveEventAsync("system_update")).GetProperty("data"));

        Assert.True(JsonNode.DeepEquals(rawData, fromNode), $"npm client ({protocol}) got {fromNode}");
    }

    private static async Task<Listener> ListenAsync(AgentServer server, bool messagePack)
    {
        var connection = HubClients.Create(server, messagePack);
        var received = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<object>("SystemUpdate", payload => received.TrySetResult(payload));
        await connection.StartAsync().WithTimeout();
        await connection.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        return new Listener(connection, received.Task);
    }

    // Keys sorted and every number as a double: the encodings may choose integer or float widths differently.
    private static JsonNode? Canonical(object? value) => value switch
    {
        null => null,
        JsonElement element => Canonical(JsonNode.Parse(element.GetRawText())),
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        JsonValue v when v.TryGetValue(out double d) => JsonValue.Create(d),
        JsonValue v => v.DeepClone(),
        IDictionary<object, object> map => new JsonObject(
            map.OrderBy(p => (string)p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create((string)p.Key, Canonical(p.Value)))),
        object[] items => new JsonArray([.. items.Select(Canonical)]),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        IConvertible number => JsonValue.Create(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException($"unexpected {value.GetType()}"),
    };

    private sealed record Listener(HubConnection Connection, Task<object> Received);
}
