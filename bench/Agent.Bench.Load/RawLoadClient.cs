using System.Net.WebSockets;

namespace Agent.Bench.Load;

/// <summary>One raw WebSocket client: counts every whole message and reads the envelope's timestamp while latency is recorded.</summary>
internal sealed class RawLoadClient : IAsyncDisposable
{
    // Big enough for a whole 20 KB frame, so that each message costs the client one receive whoever sends it; a longer
    // one is read in several parts, of which only the first is parsed.
    private const int BufferBytes = 32 * 1024;

    private readonly ClientWebSocket _socket = new();
    private readonly Recorder _recorder;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;

    private RawLoadClient(Recorder recorder)
    {
        _recorder = recorder;
    }

    public static async Task<RawLoadClient> ConnectAsync(Uri uri, Recorder recorder, CancellationToken cancellationToken)
    {
        var client = new RawLoadClient(recorder);
        await client._socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
        client._receiving = recorder.ReceiveUntilStoppedAsync(() => client.ReadMessagesAsync(client._stop.Token), client._stop.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The receive loop ends by cancellation when the run is over.
        }
        catch (WebSocketException)
        {
            // The server may already be gone; the figures are taken.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadMessagesAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (first && _recorder.WantsLatency && WireBytes.JsonTimestamp(buffer.AsSpan(0, result.Count)) is { } publishedAt)
            {
                _recorder.Latency(publishedAt);
            }

            first = result.EndOfMessage;
            if (result.EndOfMessage)
            {
                _recorder.Delivered();
            }
        }
    }
}
