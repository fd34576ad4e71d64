using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

internal sealed partial class RawClient
{
    /// <inheritdoc/>
    protected override TimeSpan WriteTimeout => _settings.WriteTimeout;

    // The frame written once for every client goes straight to the stream under the socket, which takes turns with
    // the socket's own frames; through the socket it would be copied into the socket's send buffer first. No token:
    // aborting the socket ends a send anyway.
    /// <inheritdoc/>
    protected override ValueTask SendAsync(RawFrame item) =>
        _frames is { } frames
            ? frames.WriteMessageAsync(item.Frame)
            : _socket.SendAsync(item.Utf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <inheritdoc/>
    protected override void OnDelivered() => _statistics.Delivered(Transport.Raw);

    // A stalled client cannot take a close frame either: the socket is aborted and the reason goes to the log.
    /// <inheritdoc/>
    protected override void OnStalled()
    {
        _statistics.Evicted();
        BroadcastingLog.ClientEvicted(_logger, Transport.Raw, Id, _settings.WriteTimeout.TotalSeconds);
        Interlocked.CompareExchange(ref _closeRequest, new CloseRequest(WebSocketCloseStatus.PolicyViolation, "write timeout"), null);
        _socket.Abort();
    }

    // The client went away while a frame was being written; the read loop sees it too and ends the session.
    /// <inheritdoc/>
    protected override void OnSendFailed(Exception exception) => RawSocketLog.ClientAborted(_logger, Id, exception);

    /// <inheritdoc/>
    protected override async Task OnFinishingAsync()
    {
        if (_closeRequest is not { } close || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
        await _socket.CloseOutputAsync(close.Status, close.Reason, timeout.Token).ConfigureAwait(false);
    }
}
