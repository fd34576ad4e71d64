using Microsoft.AspNetCore.Http.Features;

namespace Agent.Host.WebSockets;

/// <summary>
/// Stands in for the server's upgrade features on one upgrade request, so the stream the WebSocket middleware builds
/// its socket on is watched by a <see cref="PingFloodGuard"/>. Given a <see cref="SocketWriter"/>, an HTTP/1.1 upgrade
/// writes through it once the client has spoken (<see cref="UpgradedSocketStream"/>); an HTTP/2 stream never does,
/// because it shares its connection with other streams.
/// </summary>
internal sealed class PingFloodUpgradeFeature(
    PingFloodGuard guard,
    IHttpUpgradeFeature? upgrade,
    IHttpExtendedConnectFeature? connect,
    SocketWriter? socket = null)
    : IHttpUpgradeFeature, IHttpExtendedConnectFeature
{
    /// <inheritdoc/>
    public bool IsUpgradableRequest => upgrade?.IsUpgradableRequest ?? false;

    /// <inheritdoc/>
    public bool IsExtendedConnect => connect?.IsExtendedConnect ?? false;

    /// <inheritdoc/>
    public string? Protocol => connect?.Protocol;

    /// <inheritdoc/>
    public async Task<Stream> UpgradeAsync()
    {
        var feature = upgrade ?? throw new InvalidOperationException("The request has no HTTP/1.1 upgrade to accept.");
        var upgraded = await feature.UpgradeAsync().ConfigureAwait(false);
        return guard.Watch(socket is null ? upgraded : new UpgradedSocketStream(upgraded, socket));
    }

    /// <inheritdoc/>
    public async ValueTask<Stream> AcceptAsync()
    {
        var feature = connect ?? throw new InvalidOperationException("The request has no extended CONNECT to accept.");
        return guard.Watch(await feature.AcceptAsync().ConfigureAwait(false));
    }
}
