using System.Net;

namespace Agent.Host.WebSockets;

/// <summary>
/// Watches one WebSocket connection for a ping flood through the <see cref="PingFloodStream"/> it puts under the socket.
/// The socket answers pings itself and no handler ever sees them; this is where a flood becomes visible. The owner of
/// the socket says how to close it with <see cref="OnFlood"/>; a socket without an owner (the hub's, run by SignalR)
/// is closed by its stream with 1008 "ping flood".
/// </summary>
/// <param name="maxPingsPerSecond">Ping and pong frames a second above which the client is flooding.</param>
/// <param name="requestPath">The path the socket was opened on, for the log.</param>
/// <param name="remoteAddress">The client's address, for the log.</param>
/// <param name="abort">Ends the connection at once.</param>
/// <param name="logger">Where a flood nobody owns is logged.</param>
internal sealed class PingFloodGuard(int maxPingsPerSecond, string requestPath, IPAddress? remoteAddress, Action abort, ILogger logger)
{
    private volatile Action? _onFlood;

    /// <summary>Ping and pong frames a second above which the client is flooding.</summary>
    public int MaxPingsPerSecond { get; } = maxPingsPerSecond;

    /// <summary>Hands the flood to the socket's owner: <paramref name="closeForFlood"/> runs once, on the reading thread.</summary>
    public void OnFlood(Action closeForFlood) => _onFlood = closeForFlood;

    /// <summary>The stream <see cref="Watch"/> made, once the socket exists: whole frames may be written to it directly.</summary>
    public PingFloodStream? Watched { get; private set; }

    /// <summary>The stream the socket runs on: <paramref name="connection"/> with this guard watching it.</summary>
    public Stream Watch(Stream connection) => Watched = new PingFloodStream(connection, this);

    /// <summary>Called once by the stream; false when no owner took the flood and the stream must close the socket itself.</summary>
    public bool HandToOwner()
    {
        if (_onFlood is { } owner)
        {
            owner();
            return true;
        }

        RawSocketLog.PingFlood(logger, requestPath, remoteAddress?.ToString() ?? "unknown", MaxPingsPerSecond);
        return false;
    }

    /// <summary>Ends the connection without a close frame, for when one cannot be sent between two frames.</summary>
    public void Abort() => abort();
}
