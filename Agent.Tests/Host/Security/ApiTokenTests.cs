using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Agent.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.Security;

public sealed class ApiTokenTests
{
    internal const string Token = "s3cret-token-for-tests";

    [Theory]
    [InlineData("GET", "api/v1/system")]
    [InlineData("GET", "api/v1/snapshot")]
    [InlineData("GET", "api/v1/connections")]
    [InlineData("GET", "api/v1/no-such-route")]
    [InlineData("GET", "metrics")]
    [InlineData("GET", "openapi/v1.json")]
    [InlineData("GET", "api/v1/ws")]
    [InlineData("POST", "hubs/agent/negotiate?negotiateVersion=1")]
    public async Task Request_TokenSetAndNoneSent_Answers401WithChallengeAndJsonError(string method, string path)
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("a bearer token is required", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task EveryMappedRoute_TokenSetAndNoneSent_AnswersOnlyHealth()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"], Path: Concrete(e.RoutePattern.RawText!)))
            .ToList();

        var open = new List<string>();
        foreach (var (methods, path) in routes)
        {
            foreach (var method in methods)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)).WithTimeout();
                if (response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    open.Add($"{method} {path}");
                }
            }
        }

        Assert.True(routes.Count > 10, $"only {routes.Count} routes were found");
        Assert.Equal(["GET /api/v1/health"], open);
    }

    [Theory]
    [InlineData("api/v1/health")]
    [InlineData("")]
    [InlineData("index.html")]
    [InlineData("js/connection.js")]
    [InlineData("css/dashboard.css")]
    public async Task OpenRoute_TokenSetAndNoneSent_Answers200(string path)
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(path).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_RightBearerHeader_Answers200()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var connections = await client.GetAsync("api/v1/connections").WithTimeout();
        using var metrics = await client.GetAsync("metrics").WithTimeout();

        Assert.Equal(HttpStatusCode.OK, connections.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("s3cret-token-for-test")]
    [InlineData("s3cret-token-for-tests-and-more")]
    public async Task Request_WrongBearerHeader_Answers401InvalidToken(string token)
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("api/v1/connections").WithTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_TokenInQuery_IsNotAccepted()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync($"api/v1/connections?access_token={Token}").WithTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RawSocket_TokenInQuery_Connects()
    {
        await using var server = await StartAsync();

        await using var socket = await RawSocket.ConnectAsync(server, $"?snapshot=false&access_token={Token}");

        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.Socket.State);
    }

    [Fact]
    public async Task RawSocket_NoToken_UpgradeAnswers401()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();

        using var response = await client.SendAsync(UpgradeRequest("api/v1/ws")).WithTimeout();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Hub_WithToken_ConnectsAndWithoutIsRefused(bool messagePack)
    {
        await using var server = await StartAsync();
        await using var good = HubClients.Create(server, messagePack, token: Token);
        await using var bad = HubClients.Create(server, messagePack);

        await good.StartAsync().WithTimeout();
        var refused = await Record.ExceptionAsync(() => bad.StartAsync().WithTimeout());

        Assert.Equal(HubConnectionState.Connected, good.State);
        Assert.NotNull(refused);
        Assert.IsNotType<TimeoutException>(refused);
    }

    [Fact]
    public async Task Negotiate_BearerHeader_Answers200()
    {
        await using var server = await StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "hubs/agent/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        using var response = await client.SendAsync(request).WithTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static HttpRequestMessage UpgradeRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(new byte[16]));
        return request;
    }

    // Route parameters get a plain value; catch-all and optional markers are dropped.
    private static string Concrete(string pattern) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('/'), "\\{[^}]*\\}", "x");

    internal static Task<AgentServer> StartAsync() =>
        AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:ApiToken"] = Token,

            // Serilog gates the test's log collector too: open the agent's own categories so the request log's lines are
            // seen; Microsoft.AspNetCore stays at the shipped Warning (see docs/security.md about raising it).
            ["Serilog:MinimumLevel:Default"] = "Verbose",
        });
}
