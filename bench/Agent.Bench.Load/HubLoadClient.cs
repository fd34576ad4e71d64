using System.Net.WebSockets;
using System.Text;

namespace Agent.Bench.Load;

/// <summary>
/// One SignalR client on WebSockets (negotiation skipped), JSON or MessagePack, spoken at the protocol level: it sends
/// the handshake and a ping every few seconds, splits what arrives into hub messages and counts the invocations of the
/// two pushed methods, reading only the envelope's timestamp while latency is recorded. The .NET client bound every
/// payload to objects and used a whole core at a few tens of thousands of messages a second, so the hub runs measured
/// the client; this one reads the same bytes for a fraction of that, the same for the agent and the plain hub.
/// </summary>
internal sealed class HubLoadClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private const int InvocationType = 1;
    private const int CloseType = 7;
    // A receive asks for at least this much room; the pending buffer grows to hold the largest message whole.
    private const int MinimumReceive = 8 * 1024;

    // The server drops a client it has not heard from in 30 s (the agent's and SignalR's default).
    private static readonly TimeSpan s_pingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();
    private readonly bool _messagePack;
    private readonly Recorder _recorder;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    // What arrived and is not yet a whole hub message: a message may span WebSocket messages, and one WebSocket
    // message may hold several hub messages.
    private byte[] _pending = new byte[2 * MinimumReceive];
    private int _pendingCount;

    private HubLoadClient(bool messagePack, Recorder recorder)
    {
        _messagePack = messagePack;
        _recorder = recorder;
    }

    private WebSocketMessageType MessageType => _messagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    public static async Task<HubLoadClient> ConnectAsync(Uri uri, bool messagePack, Recorder recorder, CancellationToken cancellationToken)
    {
        var client = new HubLoadClient(messagePack, recorder);
        var ws = new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
        await client._socket.ConnectAsync(ws, cancellationToken).ConfigureAwait(false);
        await client.HandshakeAsync(cancellationToken).ConfigureAwait(false);
        client._receiving = recorder.ReceiveUntilStoppedAsync(() => client.ReadMessagesAsync(client._stop.Token), client._stop.Token);
        client._pinging = client.PingAsync(client._stop.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var loop in new[] { _receiving, _pinging })
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
                // The loops end by cancellation when the run is over, or the server is already gone; the figures are taken.
            }
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var protocol = _messagePack ? "messagepack" : "json";
        var request = Encoding.UTF8.GetBytes($"{{\"protocol\":\"{protocol}\",\"version\":1}}\u001e");
        await _socket.SendAsync(request, MessageType, endOfMessage: true, cancellationToken).ConfigureAwait(false);

        // The answer is JSON ending in the record separator whatever the protocol; messages may follow it at once.
        int end;
        while ((end = _pending.AsSpan(0, _pendingCount).IndexOf(RecordSeparator)) < 0)
        {
            if (!await ReceiveSomeAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the hub closed the connection during the handshake");
            }
        }

        var answer = Encoding.UTF8.GetString(_pending, 0, end);
        if (answer.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the hub refused the handshake: {answer}");
        }

        Consume(end + 1);
    }

    private async Task ReadMessagesAsync(CancellationToken cancellationToken)
    {
        // Messages that came with the handshake's answer are read first.
        do
        {
            var data = _pending.AsMemory(0, _pendingCount);
            var used = _messagePack ? ReadMessagePack(data) : ReadJson(data);
            if (used < 0)
            {
                return;
            }

            Consume(used);
        }
        while (await ReceiveSomeAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        byte[] ping = _messagePack ? [0x02, 0x91, 0x06] : "{\"type\":6}\u001e"u8.ToArray();
        using var timer = new PeriodicTimer(s_pingInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) && _socket.State == WebSocketState.Open)
        {
            await _socket.SendAsync(ping, MessageType, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
    }

    // Appends one receive to the pending bytes; false when the server closed the socket.
    private async ValueTask<bool> ReceiveSomeAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length - _pendingCount < MinimumReceive)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingCount + MinimumReceive));
        }

        var result = await _socket.ReceiveAsync(_pending.AsMemory(_pendingCount), cancellationToken).ConfigureAwait(false);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            return false;
        }

        _pendingCount += result.Count;
        return true;
    }

    private void Consume(int count)
    {
        _pending.AsSpan(count, _pendingCount - count).CopyTo(_pending);
        _pendingCount -= count;
    }

    // JSON: messages end in the record separator. Returns the bytes used, or -1 after a close message.
    private int ReadJson(ReadOnlyMemory<byte> data)
    {
        var used = 0;
        int end;
        while ((end = data.Span[used..].IndexOf(RecordSeparator)) >= 0)
        {
            var message = data.Slice(used, end);
            used += end + 1;
            var type = WireBytes.JsonType(message.Span);
            if (type == CloseType)
            {
                return -1;
            }

            if (type == InvocationType && WireBytes.IsPushedMethod(WireBytes.JsonTarget(message.Span)))
            {
                Delivered(message);
            }
        }

        return used;
    }

    // MessagePack: each message is its length (7 bits a byte, low first) and then an array whose first item is the type.
    private int ReadMessagePack(ReadOnlyMemory<byte> data)
    {
        var used = 0;
        while (WireBytes.TryReadLength(data.Span[used..], out var length, out var prefix) && data.Length - used - prefix >= length)
        {
            var message = data.Slice(used + prefix, length);
            used += prefix + length;
            var (type, pushed) = WireBytes.MessagePackHead(message);
            if (type == CloseType)
            {
                return -1;
            }

            if (type == InvocationType && pushed)
            {
                Delivered(message);
            }
        }

        return used;
    }

    private void Delivered(ReadOnlyMemory<byte> message)
    {
        if (_recorder.WantsLatency)
        {
            var publishedAt = _messagePack ? WireBytes.MessagePackTimestamp(message) : WireBytes.JsonTimestamp(message.Span);
            if (publishedAt is { } value)
            {
                _recorder.Latency(value);
            }
        }

        _recorder.Delivered();
    }
}
