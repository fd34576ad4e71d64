using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.WebSockets;

public sealed class RawSocketEndpointTests
{
    [Fact]
    public async Task Connect_WithPublishedTopics_SendsSnapshotEnvelopesAtOnce()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());

        await using var client = await RawSocket.ConnectAsync(server);
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();

        Assert.Equal("system_update", first!.Value.GetProperty("event").GetString());
        Assert.Equal("ups_status_update", second!.Value.GetProperty("event").GetString());
        Assert.Equal(12.5, first.Value.GetProperty("data").GetProperty("cpu_usage_percent").GetDouble());
        Assert.True(DateTimeOffset.TryParse(first.Value.GetProperty("timestamp").GetString(), out _));
        Assert.Equal(3, first.Value.EnumerateObject().Count());
    }

    [Fact]
    public async Task Publish_AfterConnect_PushesLiveFrame()
    {
        await using var server = await AgentServer.StartAsync();
        await using var client = await RawSocket.ConnectAsync(server, "?snapshot=false");

        server.Topics.Publish(TopicCatalog.NetworkListUpdate, Sample.Network());
        var frame = await client.ReceiveEventAsync("network_list_update");

        Assert.Equal(JsonValueKind.Array, frame.GetProperty("data").ValueKind);
        Assert.Equal("eth0", frame.GetProperty("data")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Upgrade_OverCap_Answers503WithRetryAfterAndCap()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "1" });
        await using var first = await RawSocket.ConnectAsync(server);
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/ws");
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));

        using var response = await client.SendAsync(request).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("maximum connections reached", body.GetProperty("error").GetString());
        Assert.Equal(1, body.GetProperty("max_clients").GetInt32());
    }

    [Fact]
    public async Task Frame_Over64KiB_ClosesWith1009()
    {
        await using var server = await AgentServer.StartAsync();
        await using var client = await RawSocket.ConnectAsync(server, "?snapshot=false");

        await client.SendTextAsync("{\"subscribe\":[\"" + new string('x', 70 * 1024) + "\"]}");
        var status = await client.ReceiveCloseAsync();

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, status);
    }

    [Fact]
    public async Task Shutdown_OpenClient_ClosesWith1001()
    {
        var server = await AgentServer.StartAsync();
        await using var client = await RawSocket.ConnectAsync(server, "?snapshot=false");

        var disposing = server.DisposeAsync().AsTask();
        var status = await client.ReceiveCloseAsync();
        await client.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        await disposing.WithTimeout();

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, status);
        Assert.Equal("server shutting down", client.Socket.CloseStatusDescription);
    }
}
