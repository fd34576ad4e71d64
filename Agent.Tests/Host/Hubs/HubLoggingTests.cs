using Agent.Tests.Support;

namespace Agent.Tests.Host.Hubs;

/// <summary>
/// A hub client's connection is logged by the hub itself at debug level; its WebSocket upgrade is left out of the
/// request log, whose line would only come when the socket closes, while other requests keep theirs.
/// </summary>
public sealed class HubLoggingTests
{
    private static readonly Dictionary<string, string?> s_debug = new() { ["Serilog:MinimumLevel:Default"] = "Debug" };

    [Fact]
    public async Task HubClient_ConnectAndDisconnect_LoggedByHub_UpgradeNotInRequestLog()
    {
        await using var server = await AgentServer.StartAsync(s_debug);
        var connection = HubClients.Create(server, messagePack: false);
        await connection.StartAsync().WithTimeout();
        await connection.DisposeAsync();
        using var http = server.CreateClient();
        (await http.GetAsync(new Uri("api/v1/health", UriKind.Relative)).WithTimeout()).EnsureSuccessStatusCode();

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(server.Logs.WithId(1151).Count > 0 && RequestLines(server, "/api/v1/health").Count > 0),
            because: "the hub logs the disconnect and the request log has the health request");
        Assert.Contains(server.Logs.WithId(1150), r => r.Message.Contains("over \"WebSockets\"", StringComparison.Ordinal));
        Assert.Empty(RequestLines(server, "/hubs/agent"));
    }

    private static List<LogCollector.LogRecord> RequestLines(AgentServer server, string path) =>
        [.. server.Logs.Records.Where(r => r.Category == "Serilog.AspNetCore.RequestLoggingMiddleware" && r.Message.Contains($"\"{path}\"", StringComparison.Ordinal))];
}
