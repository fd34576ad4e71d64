using Agent.Host.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Agent.Host.WebSockets;

/// <summary>
/// Puts a <see cref="PingFloodUpgradeFeature"/> in place of the upgrade features of every upgrade request (the raw socket and
/// the hub alike). It must run before <c>UseWebSockets()</c>: the WebSocket middleware takes the upgrade features when
/// it is invoked, not when the socket is accepted.
/// </summary>
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
        var watched = new PingFloodUpgradeFeature(guard, upgrade, connect);
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
        return next(context);
    }
}
