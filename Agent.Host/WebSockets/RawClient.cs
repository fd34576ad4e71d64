using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

/// <summary>
/// One raw WebSocket client. The read loop takes subscribe frames and enforces the inbound limits; the delivery pump
/// it derives from is the only code that sends on the socket, from a coalescing outbox, so a slow client costs only
/// its own outbox.
/// </summary>
internal sealed partial class RawClient : DeliveryPump<RawFrame>
{
    /// <summary>The largest inbound message; a bigger one closes the socket with 1009.</summary>
    public const int MaxInboundBytes = 64 * 1024;

    private static readonly TimeSpan s_closeHandshakeTimeout = TimeSpan.FromSeconds(5);

    // Set once by RunAsync; nothing touches them before, because the pump is held until then.
    private WebSocket _socket = null!;
    private PingFloodStream? _frames;
    private readonly RawClientSettings _settings;
    private readonly DeliveryStatistics _statistics;
    private readonly Func<IEnumerable<RawFrame>> _latestFrames;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();

    // Null passes every topic. Replaced whole, never changed, so the broadcaster reads it without a lock.
    private volatile IReadOnlySet<string>? _filter;
    private CloseRequest? _closeRequest;
    private int _messagesThisSecond;
    private long _currentSecond;

    public RawClient(
        string id,
        RawClientSettings settings,
        DeliveryStatistics statistics,
        Func<IEnumerable<RawFrame>> latestFrames,
        ILogger logger)
    {
        Id = id;
        _settings = settings;
        _statistics = statistics;
        _latestFrames = latestFrames;
        _logger = logger;
    }

    public string Id { get; }

    /// <summary>Sends or queues <paramref name="frame"/> when the client's filter passes its topic.</summary>
    public void Offer(RawFrame frame)
    {
        var filter = _filter;
        if (filter is not null && !filter.Contains(frame.Topic))
        {
            return;
        }

        if (Offer(frame.Key, frame) == EnqueueResult.Replaced)
        {
            _statistics.Coalesced();
        }
    }

    /// <summary>Asks the pump to close the socket with <paramref name="status"/>; the first request wins.</summary>
    public void RequestClose(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.CompareExchange(ref _closeRequest, new CloseRequest(status, reason), null) is not null)
        {
            return;
        }

        if (status != WebSocketCloseStatus.NormalClosure)
        {
            RawSocketLog.ClientClosedByServer(_logger, Id, status, reason);
        }

        Complete();
        try
        {
            _closing.CancelAfter(s_closeHandshakeTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The session ended between the registry's lookup and this call (shutdown closing every client): nothing to close.
        }
    }

    /// <summary>
    /// Queues the latest frame of every topic the filter passes. A frame already waiting stays: a live broadcast
    /// queued it after the snapshot's source was written, so it is at least as new.
    /// </summary>
    public void QueueSnapshot()
    {
        foreach (var frame in _latestFrames())
        {
            var filter = _filter;
            if (filter is null || filter.Contains(frame.Topic))
            {
                Offer(frame.Key, frame, replace: false);
            }
        }
    }

    /// <summary>Serves the client on <paramref name="socket"/> until it closes, however it closes.</summary>
    /// <param name="socket">The accepted socket.</param>
    /// <param name="frames">The stream under the socket, when whole frames may be written to it beside the socket's own.</param>
    /// <param name="aborted">Fires when the connection is gone: it ends the wait for a client that broke the protocol.</param>
    public async Task RunAsync(WebSocket socket, PingFloodStream? frames, CancellationToken aborted)
    {
        _socket = socket;
        _frames = frames;
        Start();
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (WebSocketException ex) when (!aborted.IsCancellationRequested)
        {
            // A protocol error the socket refused itself (invalid UTF-8: it wrote a 1007 close frame and aborted). Ending
            // the request now resets the connection and the client can lose that frame, so the connection lingers until
            // the client hangs up, at most the close handshake's timeout.
            RawSocketLog.ClientAborted(_logger, Id, ex);
            await LingerAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException
            or Microsoft.AspNetCore.Connections.ConnectionAbortedException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            RawSocketLog.ClientAborted(_logger, Id, ex);
        }
        finally
        {
            if (_closeRequest is null && _socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                _socket.Abort();
            }

            Complete();
            await Finished.ConfigureAwait(false);
            _closing.Dispose();
        }
    }

    private static async Task LingerAsync(CancellationToken aborted)
    {
        try
        {
            await Task.Delay(s_closeHandshakeTimeout, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client hung up: the lingering is over.
        }
    }

    private sealed record CloseRequest(WebSocketCloseStatus Status, string Reason);
}
