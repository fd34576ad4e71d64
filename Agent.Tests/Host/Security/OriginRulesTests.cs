using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Security;

public sealed class OriginRulesTests
{
    private const string Listed = "http://ha.local:8123";

    [Theory]
    [InlineData("api/v1/ws")]
    [InlineData("hubs/agent")]
    public async Task Upgrade_ForeignOrigin_Answers403WithJsonError(string path)
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        using var request = ApiTokenTests.UpgradeRequest(path);
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await client.SendAsync(request).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("evil.example", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negotiate_ForeignOrigin_Answers403()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/agent/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await client.SendAsync(request).WithTimeout();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RawSocket_SameOriginListedOrNone_Connects()
    {
        await using var server = await StartAsync();
        var own = $"http://{server.BaseAddress.Authority}";

        await using var same = await RawSocket.ConnectAsync(server, "?snapshot=false", o => o.SetRequestHeader("Origin", own));
        await using var listed = await RawSocket.ConnectAsync(server, "?snapshot=false", o => o.SetRequestHeader("Origin", Listed));
        await using var none = await RawSocket.ConnectAsync(server, "?snapshot=false");

        Assert.All([same, listed, none], s => Assert.Equal(WebSocketState.Open, s.Socket.State));
    }

    [Fact]
    public async Task Rest_ForeignOrigin_IsNotConcerned()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/connections");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await client.SendAsync(request).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<AgentServer> StartAsync() =>
        AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:AllowedOrigins:0"] = Listed });
}
