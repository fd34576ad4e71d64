using Microsoft.AspNetCore.Http.Features;

namespace Agent.Host.WebSockets;

/// <summary>
/// Stands in for the server's upgrade features on one upgrade request, so the stream the WebSocket middleware builds
/// its socket on is watched by a <see cref="PingFloodGuard"/>.
/// </summary>
internal sealed class PingFloodUpgradeFeature(PingFloodGuard guard, IHttpUpgradeFeature? upgrade, IHttpExtendedConnectFeature? connect)
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
        return guard.Watch(await feature.UpgradeAsync().ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async ValueTask<Stream> AcceptAsync()
    {
        var feature = connect ?? throw new InvalidOperationException("The request has no extended CONNECT to accept.");
        return guard.Watch(await feature.AcceptAsync().ConfigureAwait(false));
    }
}
