using System.Diagnostics;
using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

internal sealed partial class RawClient
{
    private async Task WriteLoopAsync(CancellationToken aborted)
    {
        try
        {
            while (await _outbox.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                _outbox.ResetSignal();
                while (_outbox.TryDequeue(out var frame))
                {
                    if (!await TrySendAsync(frame.Utf8, aborted).ConfigureAwait(false))
                    {
                        Evict();
                        return;
                    }

                    _statistics.Delivered(Transport.Raw);
                }
            }

            await SendCloseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException
            or ObjectDisposedException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The client went away while a frame was being written; the read loop sees it too and ends the session.
            RawSocketLog.ClientAborted(_logger, Id, ex);
        }
    }

    // False when the client took nothing for the write timeout.
    private async Task<bool> TrySendAsync(ReadOnlyMemory<byte> utf8, CancellationToken aborted)
    {
        var send = _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, aborted);
        if (send.IsCompletedSuccessfully)
        {
            return true;
        }

        Volatile.Write(ref _blockedSince, Stopwatch.GetTimestamp());
        try
        {
            await send.AsTask().WaitAsync(_settings.WriteTimeout, aborted).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        finally
        {
            Volatile.Write(ref _blockedSince, 0);
        }
    }

    // A stalled client cannot take a close frame either: the socket is aborted and the reason goes to the log.
    private void Evict()
    {
        _statistics.Evicted();
        BroadcastingLog.ClientEvicted(_logger, Transport.Raw, Id, _settings.WriteTimeout.TotalSeconds);
        Interlocked.CompareExchange(ref _closeRequest, new CloseRequest(WebSocketCloseStatus.PolicyViolation, "write timeout"), null);
        _outbox.Complete();
        _socket.Abort();
    }

    private async Task SendCloseAsync()
    {
        if (_closeRequest is not { } close || _socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
        await _socket.CloseOutputAsync(close.Status, close.Reason, timeout.Token).ConfigureAwait(false);
    }
}
