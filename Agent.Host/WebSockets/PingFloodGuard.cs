using Microsoft.AspNetCore.Http.Features;

namespace Agent.Host.WebSockets;

/// <summary>
/// Stands in for the server's upgrade features on one upgrade request, so the stream the WebSocket is built on is a
/// <see cref="PingFloodStream"/>. The socket answers pings itself and no handler ever sees them; this is where a ping
/// flood becomes visible. The owner of the socket says how to close it with <see cref="OnFlood"/>; a socket
/// without an owner (the hub's, run by SignalR) is closed by its stream with 1008 "ping flood".
/// </summary>
internal sealed class PingFloodGuard : IHttpUpgradeFeature, IHttpExtendedConnectFeature
{
    private readonly HttpContext _context;
    private readonly IHttpUpgradeFeature? _upgrade;
    private readonly IHttpExtendedConnectFeature? _connect;
    private readonly ILogger _logger;
    private volatile Action? _onFlood;

    public PingFloodGuard(
        HttpContext context,
        IHttpUpgradeFeature? upgrade,
        IHttpExtendedConnectFeature? connect,
        int maxPingsPerSecond,
        ILogger logger)
    {
        _context = context;
        _upgrade = upgrade;
        _connect = connect;
        _logger = logger;
        MaxPingsPerSecond = maxPingsPerSecond;
    }

    /// <summary>Ping and pong frames a second above which the client is flooding.</summary>
    public int MaxPingsPerSecond { get; }

    /// <inheritdoc/>
    public bool IsUpgradableRequest => _upgrade?.IsUpgradableRequest ?? false;

    /// <inheritdoc/>
    public bool IsExtendedConnect => _connect?.IsExtendedConnect ?? false;

    /// <inheritdoc/>
    public string? Protocol => _connect?.Protocol;

    /// <summary>Hands the flood to the socket's owner: <paramref name="closeForFlood"/> runs once, on the reading thread.</summary>
    public void OnFlood(Action closeForFlood) => _onFlood = closeForFlood;

    /// <inheritdoc/>
    public async Task<Stream> UpgradeAsync()
    {
        var upgrade = _upgrade ?? throw new InvalidOperationException("The request has no HTTP/1.1 upgrade to accept.");
        return new PingFloodStream(await upgrade.UpgradeAsync().ConfigureAwait(false), this);
    }

    /// <inheritdoc/>
    public async ValueTask<Stream> AcceptAsync()
    {
        var connect = _connect ?? throw new InvalidOperationException("The request has no extended CONNECT to accept.");
        return new PingFloodStream(await connect.AcceptAsync().ConfigureAwait(false), this);
    }

    /// <summary>Called once by the stream; false when no owner took the flood and the stream must close the socket itself.</summary>
    public bool HandToOwner()
    {
        if (_onFlood is { } owner)
        {
            owner();
            return true;
        }

        RawSocketLog.PingFlood(_logger, _context.Request.Path.Value ?? "/", RemoteAddress(), MaxPingsPerSecond);
        return false;
    }

    /// <summary>Ends the connection without a close frame, for when one cannot be sent between two frames.</summary>
    public void Abort() => _context.Abort();

    private string RemoteAddress() => _context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
