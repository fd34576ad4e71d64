using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Agent.Tests.Support;

namespace Agent.Tests.Hardening;

/// <summary>
/// A WebSocket client written by hand on a <see cref="TcpClient"/>, for abuse <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// cannot produce: wrong frame types, broken fragments, floods, resets in the middle of a frame (RFC 6455 §5).
/// </summary>
public sealed class HostileTcp : IDisposable
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    private readonly TcpClient _tcp;

    private HostileTcp(TcpClient tcp)
    {
        _tcp = tcp;
        Stream = tcp.GetStream();
    }

    public NetworkStream Stream { get; }

    /// <summary>Connects and completes the upgrade on <paramref name="pathAndQuery"/>, checking the 101 answer.</summary>
    /// <param name="server">The server.</param>
    /// <param name="pathAndQuery">The socket's path and query.</param>
    /// <param name="throughHttp">
    /// Whether the upgrade is the connection's second request, after a <c>HEAD</c> (answered without a body, whatever its
    /// status): the server then serves it through its HTTP pipeline, not below it, as it does for a keep-alive connection.
    /// </param>
    public static async Task<HostileTcp> UpgradeAsync(AgentServer server, string pathAndQuery = "/api/v1/ws?snapshot=false", bool throughHttp = false)
    {
        var client = await ConnectAsync(server);
        if (throughHttp)
        {
            var probe = $"HEAD /api/v1/health HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n";
            await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(probe)).AsTask().WithTimeout();
            Assert.DoesNotContain("Connection: close", await client.ReadHeadAsync().WithTimeout(), StringComparison.OrdinalIgnoreCase);
        }

        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\n\r\n";
        await client.Stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WithTimeout();
        var head = await client.ReadHeadAsync().WithTimeout();
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
        {
            client.Dispose();
            throw new InvalidOperationException($"upgrade refused: {head}");
        }

        return client;
    }

    /// <summary>A TCP connection to the listener and nothing more.</summary>
    public static async Task<HostileTcp> ConnectAsync(AgentServer server)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port).WithTimeout();
        return new HostileTcp(tcp);
    }

    /// <summary>Everything the server sends until it closes, as ASCII; "TIMEOUT" appended when it did not close in time.</summary>
    public static async Task<string> ReadToEndAsync(Stream stream, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
            text.Append("TIMEOUT");
        }
        catch (IOException)
        {
            // A reset ends the connection as surely as a FIN.
        }

        return text.ToString();
    }

    /// <summary>One client frame: masked, as RFC 6455 §5.3 requires of a client.</summary>
    public static byte[] Frame(byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = (byte)((fin ? 0x80 : 0) | opcode);
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)(0x80 | payload.Length);
                break;
            case 2:
                frame[1] = 0x80 | 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = 0x80 | 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        var maskAt = 2 + lengthBytes;
        RandomNumberGenerator.Fill(frame.AsSpan(maskAt, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[maskAt + 4 + i] = (byte)(payload[i] ^ frame[maskAt + (i % 4)]);
        }

        return frame;
    }

    public static byte[] TextFrame(string text, bool fin = true) => Frame(Text, Encoding.UTF8.GetBytes(text), fin);

    /// <summary>Writes <paramref name="bytes"/>; a server that already closed makes this a no-op.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        try
        {
            await Stream.WriteAsync(bytes).AsTask().WithTimeout();
        }
        catch (IOException)
        {
            // The server closed first, which is what some abuse is meant to cause.
        }
    }

    /// <summary>Reads server frames until a close frame (its status) or the end of the connection (null).</summary>
    public async Task<int?> ReadCloseStatusAsync(TimeSpan? timeout = null) => (await ReadCloseAsync(timeout))?.Status;

    /// <summary>Reads server frames until a close frame (its status and reason) or the end of the connection (null).</summary>
    public async Task<(int Status, string Reason)?> ReadCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        try
        {
            while (await ReadFrameAsync(cts.Token) is { } frame)
            {
                if (frame.Opcode == Close)
                {
                    return frame.Payload.Length >= 2
                        ? (BinaryPrimitives.ReadUInt16BigEndian(frame.Payload), Encoding.UTF8.GetString(frame.Payload, 2, frame.Payload.Length - 2))
                        : (1005, "");
                }
            }
        }
        catch (IOException)
        {
            // A reset without a close frame.
        }

        return null;
    }

    /// <summary><paramref name="count"/> ping frames back to back, as one write.</summary>
    public static byte[] Pings(int count)
    {
        var one = Frame(Ping, "12345678"u8);
        var pings = new byte[one.Length * count];
        for (var i = 0; i < count; i++)
        {
            one.CopyTo(pings, i * one.Length);
        }

        return pings;
    }

    /// <summary>The next server frame (unmasked), or null at the end of the connection.</summary>
    public async Task<(byte Opcode, byte[] Payload)?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var head = new byte[2];
        if (!await ReadExactlyOrEndAsync(head, cancellationToken))
        {
            return null;
        }

        long length = head[1] & 0x7F;
        if (length >= 126)
        {
            var extended = new byte[length == 126 ? 2 : 8];
            await Stream.ReadExactlyAsync(extended, cancellationToken);
            length = extended.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var payload = new byte[length];
        await Stream.ReadExactlyAsync(payload, cancellationToken);
        return ((byte)(head[0] & 0x0F), payload);
    }

    /// <summary>Ends the connection with a TCP reset (linger 0), as a crashed client or a pulled cable would.</summary>
    public void Reset()
    {
        _tcp.Client.LingerState = new LingerOption(true, 0);
        _tcp.Client.Close();
    }

    /// <summary>Ends the client's sending side (TCP FIN) and keeps reading.</summary>
    public void HalfClose() => _tcp.Client.Shutdown(SocketShutdown.Send);

    public void Dispose() => _tcp.Dispose();

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await Stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    /// <summary>The response head, up to and including its blank line, read byte by byte so nothing after it is taken.</summary>
    public async Task<string> ReadHeadAsync()
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await Stream.ReadAsync(one) == 0)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
