using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Agent.Bench.Load;

/// <summary>
/// One raw WebSocket client: counts every whole message and reads the envelope's timestamp while latency is recorded.
/// </summary>
/// <remarks>
/// It reads the server's frames itself from a plain TCP socket, as many as one receive holds, rather than through
/// <see cref="System.Net.WebSockets.ClientWebSocket"/>, which costs at least two receives a message (header, then payload)
/// and checks every text payload's UTF-8. Saturation runs measure the server, and the client must not be what limits them:
/// every server is read by this same client, so what it saves it saves for all. A message's payload is skipped, not read;
/// only the first bytes of a message's first frame are looked at, for the timestamp.
/// </remarks>
internal sealed class RawLoadClient : IAsyncDisposable
{
    // Several 20 KB frames, or dozens of 1 KB ones, per receive when the server sends faster than the client reads.
    private const int BufferBytes = 64 * 1024;

    // The envelope's timestamp comes right after its event name: {"event":"…","timestamp":"…",…}.
    private const int TimestampWindow = 256;

    private const byte Final = 0x80;
    private const byte Close = 0x8;
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;

    private readonly Socket _socket;
    private readonly Recorder _recorder;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _buffer = new byte[BufferBytes];
    private int _start;
    private int _end;
    private Task _receiving = Task.CompletedTask;

    private RawLoadClient(Socket socket, Recorder recorder)
    {
        _socket = socket;
        _recorder = recorder;
    }

    public static async Task<RawLoadClient> ConnectAsync(Uri uri, Recorder recorder, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new RawLoadClient(socket, recorder);
        try
        {
            await socket.ConnectAsync(uri.Host, uri.Port, cancellationToken).ConfigureAwait(false);
            await client.HandshakeAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

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
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // The receive loop ends by cancellation when the run is over, or the server is already gone.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    // RFC 6455 §4.1: the client's upgrade request; the server's answer must be 101. Frames the server sent right behind
    // its answer stay in the buffer for the receive loop.
    private async Task HandshakeAsync(Uri uri, CancellationToken cancellationToken)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await _socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellationToken).ConfigureAwait(false);

        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end == _buffer.Length)
            {
                throw new InvalidOperationException("The server's answer to the upgrade has no end.");
            }

            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidOperationException("The server closed the connection before answering the upgrade.");
            }

            _end += read;
        }

        if (!_buffer.AsSpan(0, headEnd).StartsWith("HTTP/1.1 101 "u8))
        {
            var statusLine = Encoding.ASCII.GetString(_buffer, 0, headEnd).Split("\r\n")[0];
            throw new InvalidOperationException($"The server refused the upgrade: {statusLine}");
        }

        _start = headEnd + 4;
    }

    private async Task ReadMessagesAsync(CancellationToken cancellationToken)
    {
        // The frame being passed over: payload bytes still to come, and whether it ends its message.
        long remaining = 0;
        var inFrame = false;
        var finalFrame = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var delivered = 0;
            while (true)
            {
                if (inFrame)
                {
                    var skipped = (int)Math.Min(remaining, _end - _start);
                    _start += skipped;
                    remaining -= skipped;
                    if (remaining > 0)
                    {
                        break;
                    }

                    inFrame = false;
                    delivered += finalFrame ? 1 : 0;
                }

                var frame = ReadHeader(_buffer.AsSpan(_start, _end - _start));
                if (frame is not { } header)
                {
                    break;
                }

                if (header.Opcode >= Close)
                {
                    if (_end - _start < header.Length + header.PayloadLength)
                    {
                        break;
                    }

                    var payload = _buffer.AsSpan(_start + header.Length, (int)header.PayloadLength).ToArray();
                    _start += header.Length + payload.Length;
                    if (header.Opcode == Close)
                    {
                        _recorder.Delivered(delivered);
                        await SendAsync(Close, payload, cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    if (header.Opcode == Ping)
                    {
                        await SendAsync(Pong, payload, cancellationToken).ConfigureAwait(false);
                    }

                    continue;
                }

                // A message's first frame (not a continuation) carries the envelope's start.
                if (header.Opcode != 0 && _recorder.WantsLatency)
                {
                    var window = (int)Math.Min(header.PayloadLength, TimestampWindow);
                    if (_end - _start < header.Length + window)
                    {
                        break;
                    }

                    if (WireBytes.JsonTimestamp(_buffer.AsSpan(_start + header.Length, window)) is { } publishedAt)
                    {
                        _recorder.Latency(publishedAt);
                    }
                }

                _start += header.Length;
                remaining = header.PayloadLength;
                finalFrame = header.Final;
                inFrame = true;
            }

            _recorder.Delivered(delivered);
            if (!await ReceiveAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    // Makes room (what is left of the buffer's data moves to its start) and receives once; false when the server has
    // ended the connection.
    private async Task<bool> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    // A server's frame header (RFC 6455 §5.2): unmasked, with a 7-, 16- or 64-bit payload length; null until it is whole.
    private static FrameHeader? ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2)
        {
            return null;
        }

        if ((data[1] & 0x80) != 0)
        {
            throw new InvalidOperationException("A server's frame must not be masked.");
        }

        var final = (data[0] & Final) != 0;
        var opcode = (byte)(data[0] & 0x0F);
        return (data[1] & 0x7F) switch
        {
            126 when data.Length < 4 => null,
            126 => new FrameHeader(final, opcode, 4, BinaryPrimitives.ReadUInt16BigEndian(data[2..])),
            127 when data.Length < 10 => null,
            127 => new FrameHeader(final, opcode, 10, (long)BinaryPrimitives.ReadUInt64BigEndian(data[2..])),
            var length => new FrameHeader(final, opcode, 2, length),
        };
    }

    // A client's frames are masked (RFC 6455 §5.3); the control frames it answers with carry at most 125 bytes.
    private async Task SendAsync(byte opcode, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[6 + payload.Length];
        frame[0] = (byte)(Final | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ frame[2 + (i % 4)]);
        }

        await _socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    private readonly record struct FrameHeader(bool Final, byte Opcode, int Length, long PayloadLength);
}
