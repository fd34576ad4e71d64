using System.Net.Http.Headers;
using Agent.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Hubs;

/// <summary>
/// Requests reach the agent's log at debug level, except a socket's WebSocket handshake and the requests of the hub's
/// transports (a socket's line would only come when it closes, long polling's with every poll); the hub logs its
/// clients itself, and negotiate stays in the request log.
/// </summary>
public sealed class HubLoggingTests
{
    private const string RequestLogCategory = "Serilog.AspNetCore.RequestLoggingMiddleware";

    private static readonly Dictionary<string, string?> s_debug = new() { ["Serilog:MinimumLevel:Default"] = "Debug" };

    [Fact]
    public async Task RequestLog_RestRequestAskingForAnUpgrade_IsLogged()
    {
        await using var server = await AgentServer.StartAsync(s_debug);
        using var http = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/v1/health", UriKind.Relative));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));

        using var response = await http.SendAsync(request).WithTimeout();

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(RequestLines(server, "/api/v1/health").Count == 1),
            because: "the health request is in the request log once");
    }

    [Fact]
    public async Task RequestLog_HubClientOverWebSockets_LeftOutAndLoggedByHub()
    {
        var server = await ConnectOnceThenStopAsync(server => HubClients.Create(server, messagePack: false));

        Assert.Contains(server.Logs.WithId(1000), r => r.Message.Contains("over \"WebSockets\"", StringComparison.Ordinal));
        Assert.Empty(RequestLines(server, "/hubs/agent"));
    }

    [Fact]
    public async Task RequestLog_LongPollingHubClient_NegotiateLoggedPollsLeftOut()
    {
        var server = await ConnectOnceThenStopAsync(server => new HubConnectionBuilder()
            .WithUrl(server.Http("hubs/agent"), HttpTransportType.LongPolling)
            .Build());

        Assert.Contains(server.Logs.WithId(1000), r => r.Message.Contains("over \"LongPolling\"", StringComparison.Ordinal));
        Assert.Single(RequestLines(server, "/hubs/agent/negotiate"));
        Assert.Empty(RequestLines(server, "/hubs/agent"));
    }

    // Starts a host with debug logging, connects one client and disconnects it, then stops the host: stopping ends
    // every request, so a line written at the end of a request would be in the log by then.
    private static async Task<AgentServer> ConnectOnceThenStopAsync(Func<AgentServer, HubConnection> create)
    {
        var server = await AgentServer.StartAsync(s_debug);
        try
        {
            await using (var connection = create(server))
            {
                await connection.StartAsync().WithTimeout();
            }

            await TaskTimeoutExtensions.EventuallyAsync(
                () => Task.FromResult(server.Logs.WithId(1001).Count > 0),
                because: "the hub logs the disconnect");
        }
        finally
        {
            await server.DisposeAsync();
        }

        return server;
    }

    private static List<LogCollector.LogRecord> RequestLines(AgentServer server, string path) =>
        [.. server.Logs.Records.Where(r =>
            r.Category == RequestLogCategory && r.Message.Contains($"\"{path}\"", StringComparison.Ordinal))];
}
