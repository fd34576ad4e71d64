using System.Globalization;
using System.Net.WebSockets;
using Agent.Contracts.Serialization;
using Agent.Host.Broadcasting;
using Agent.Host.Configuration;
using Agent.Host.Endpoints;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Agent.Host.WebSockets;

/// <summary>
/// Serves <c>GET /api/v1/ws</c>: takes a slot of the connection budget before the upgrade, then runs a
/// <see cref="RawClient"/>. A connection that opens with the upgrade is served by <see cref="UpgradeConnectionHandler"/>
/// below the HTTP server; this endpoint takes the rest (a later request of a keep-alive connection, HTTP/2) and answers
/// every refusal.
/// </summary>
internal sealed class RawSocketEndpoint(
    ConnectionBudget budget,
    RawClientRegistry registry,
    Broadcaster broadcaster,
    DeliveryStatistics statistics,
    IOptions<AgentOptions> options,
    ILogger<RawSocketEndpoint> logger)
{
    // Seconds a refused client is asked to wait before it tries again.
    private const int RetryAfterSeconds = 5;

    private readonly AgentOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            var error = new ApiError("a WebSocket upgrade is expected here");
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        using var lease = budget.TryReserve(Transport.Raw);
        if (lease is null)
        {
            RawSocketLog.UpgradeRefused(logger, RemoteAddress(context), budget.MaxClients);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, new CapError("maximum connections reached", budget.MaxClients))
                .ConfigureAwait(false);
            return;
        }

        var guard = context.Features.Get<PingFloodGuard>();
        var acceptContext = new WebSocketAcceptContext { KeepAliveInterval = KeepAliveInterval, KeepAliveTimeout = KeepAliveTimeout };
        var sendSnapshots = WantsSnapshots(context.Request.Query["snapshot"]);
        var session = new RawSession(context.TraceIdentifier, RemoteAddress(context), RawSession.ThroughHttp, sendSnapshots);
        await ServeAsync(session, guard, () => context.WebSockets.AcceptWebSocketAsync(acceptContext), context.RequestAborted)
            .ConfigureAwait(false);
    }

    /// <summary>How often the socket pings a quiet client.</summary>
    public TimeSpan KeepAliveInterval => TimeSpan.FromSeconds(_options.PingIntervalSeconds);

    /// <summary>How long after a ping the client has to answer before the socket gives up on it.</summary>
    public TimeSpan KeepAliveTimeout => TimeSpan.FromSeconds(Math.Max(1, _options.ClientTimeoutSeconds - _options.PingIntervalSeconds));

    /// <summary>Whether the <c>snapshot</c> query parameter leaves the connect-time snapshot on (anything but <c>false</c>).</summary>
    public static bool WantsSnapshots(StringValues snapshot) => !string.Equals(snapshot, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Serves one upgrade that holds a slot of the budget, whichever way it arrived: registers the client, lets
    /// <paramref name="accept"/> answer the handshake, and runs the client until it closes. Returns whether the close
    /// handshake completed, after which the connection can end gracefully; otherwise it should be aborted.
    /// </summary>
    public async Task<bool> ServeAsync(RawSession session, PingFloodGuard? guard, Func<Task<WebSocket>> accept, CancellationToken aborted)
    {
        var sendSnapshots = session.SendSnapshots;
        var settings = new RawClientSettings(TimeSpan.FromSeconds(_options.WriteTimeoutSeconds), _options.MaxInboundMessagesPerSecond, sendSnapshots);
        var client = new RawClient(session.Id, settings, statistics, broadcaster.LatestFrames, logger);
        guard?.OnFlood(() => client.RequestClose(WebSocketCloseStatus.PolicyViolation, PingFloodStream.Reason));

        // Registered before the upgrade is answered: every event published once the client holds its 101 reaches it,
        // and whatever arrives before the socket exists waits (coalesced) in the client's outbox.
        registry.Add(client);
        WebSocket? socket = null;
        try
        {
            if (sendSnapshots)
            {
                client.QueueSnapshot();
            }

            socket = await accept().ConfigureAwait(false);
            RawSocketLog.ClientConnected(logger, client.Id, session.RemoteAddress, session.Entry);
            await client.RunAsync(socket, guard?.Watched, aborted).ConfigureAwait(false);
            return socket.State == WebSocketState.Closed;
        }
        finally
        {
            registry.Remove(client);
            client.Complete();
            if (socket is not null)
            {
                socket.Dispose();
                RawSocketLog.ClientDisconnected(logger, client.Id);
            }
        }
    }

    private static string RemoteAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task WriteErrorAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, AgentJson.Options);
    }

    /// <summary>The body of a refusal by the cap: <c>{"error":"maximum connections reached","max_clients":10}</c>.</summary>
    private sealed record CapError(string Error, int MaxClients);
}
