using Agent.Host.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Agent.Host.WebSockets;

/// <summary>
/// Puts a <see cref="PingFloodUpgradeFeature"/> in place of the upgrade features of every upgrade request (the raw socket and
/// the hub alike). It must run before <c>UseWebSockets()</c>: the WebSocket middleware takes the upgrade features when
/// it is invoked, not when the socket is accepted.
/// </summary>
/// <remarks>
/// An HTTP/1.1 upgrade in clear also gets a <see cref="SocketWriter"/>, so the socket's frames can go straight to the
/// connection's socket; the writer is drained once the request is over, before the server ends the connection.
/// </remarks>
internal sealed class PingFloodMiddleware(RequestDelegate next, IOptions<AgentOptions> options, ILogger<PingFloodMiddleware> logger)
{
    private readonly int _maxPingsPerSecond = options.Value.MaxInboundPingsPerSecond;

    public Task InvokeAsync(HttpContext context)
    {
        var features = context.Features;
        var upgrade = features.Get<IHttpUpgradeFeature>();
        var connect = features.Get<IHttpExtendedConnectFeature>();
        if (upgrade is not { IsUpgradableRequest: true } && connect is not { IsExtendedConnect: true })
        {
            return next(context);
        }

        var path = context.Request.Path.Value ?? "/";
        var guard = new PingFloodGuard(_maxPingsPerSecond, path, context.Connection.RemoteIpAddress, context.Abort, logger);
        // Only an HTTP/1.1 upgrade in clear owns its connection's socket; an HTTP/2 stream shares it with others.
        var writer = upgrade is { IsUpgradableRequest: true } && !context.Request.IsHttps && HttpProtocol.IsHttp11(context.Request.Protocol)
            ? SocketWriter.ForPlainConnection(features)
            : null;
        var watched = new PingFloodUpgradeFeature(guard, upgrade, connect, writer);
        if (upgrade is not null)
        {
            features.Set<IHttpUpgradeFeature>(watched);
        }

        // HTTP/2 WebSockets (RFC 8441, an extended CONNECT) reach the same socket through this feature when TLS is on.
        if (connect is not null)
        {
            features.Set<IHttpExtendedConnectFeature>(watched);
        }

        features.Set(guard);
        return writer is null ? next(context) : ServeAndDrainAsync(context, writer);
    }

    private async Task ServeAndDrainAsync(HttpContext context, SocketWriter writer)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            // Only time ends the drain, not the client's half-close.
            try
            {
                await writer.DrainAsync().WaitAsync(SocketWriter.DrainTimeout).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or TimeoutException)
            {
                // The client went away, or took nothing in time: its last frames are lost with it, and a send it never
                // took ends with the connection.
                context.Abort();
            }

            writer.Dispose();
        }
    }
}
