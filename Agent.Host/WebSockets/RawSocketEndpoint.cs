using System.Globalization;
using System.Net.WebSockets;
using Agent.Contracts.Serialization;
using Agent.Host.Broadcasting;
using Agent.Host.Configuration;
using Agent.Host.Endpoints;
using Microsoft.Extensions.Options;

namespace Agent.Host.WebSockets;

/// <summary>Serves <c>GET /api/v1/ws</c>: takes a slot of the connection budget before the upgrade, then runs a <see cref="RawClient"/>.</summary>
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

        await ServeAsync(context).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var sendSnapshots = !string.Equals(context.Request.Query["snapshot"], "false", StringComparison.OrdinalIgnoreCase);
        var settings = new RawClientSettings(TimeSpan.FromSeconds(_options.WriteTimeoutSeconds), _options.MaxInboundMessagesPerSecond, sendSnapshots);
        var client = new RawClient(context.TraceIdentifier, settings, statistics, broadcaster.LatestFrames, logger);
        context.Features.Get<PingFloodGuard>()?.OnFlood(
            () => client.RequestClose(WebSocketCloseStatus.PolicyViolation, PingFloodStream.Reason));

        // Registered before the upgrade is answered: every event published once the client holds its 101 reaches it,
        // and whatever arrives before the socket exists waits (coalesced) in the client's outbox.
        registry.Add(client);
        var connected = false;
        try
        {
            if (sendSnapshots)
            {
                client.QueueSnapshot();
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = TimeSpan.FromSeconds(_options.PingIntervalSeconds),
                KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(1, _options.ClientTimeoutSeconds - _options.PingIntervalSeconds)),
            }).ConfigureAwait(false);

            connected = true;
            RawSocketLog.ClientConnected(logger, client.Id, RemoteAddress(context));
            await client.RunAsync(socket, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            registry.Remove(client);
            client.Complete();
            if (connected)
            {
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
