using System.Buffers.Binary;

namespace Agent.Host.Broadcasting;

/// <summary>
/// Builds the WebSocket frame that carries one whole message from the server. A server's frames are not masked
/// (RFC 6455 §5.1), so one frame serves every client of a broadcast.
/// </summary>
internal static class WebSocketFrames
{
    /// <summary>A final (FIN) text frame around <paramref name="payload"/>.</summary>
    public static byte[] Text(ReadOnlySpan<byte> payload) => Final(0x1, payload);

    /// <summary>A final (FIN) binary frame around <paramref name="payload"/>.</summary>
    public static byte[] Binary(ReadOnlySpan<byte> payload) => Final(0x2, payload);

    /// <summary>The length of the header of <paramref name="frame"/>, read from its second byte.</summary>
    public static int HeaderLength(ReadOnlySpan<byte> frame) => frame[1] switch { 126 => 4, 127 => 10, _ => 2 };

    // RFC 6455 §5.2: FIN and the opcode, then a 7-bit length, or 126 / 127 followed by a 16-bit / 64-bit length.
    private static byte[] Final(byte opcode, ReadOnlySpan<byte> payload)
    {
        var headerLength = payload.Length switch
        {
            < 126 => 2,
            <= ushort.MaxValue => 4,
            _ => 10,
        };

        var frame = new byte[headerLength + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        switch (headerLength)
        {
            case 2:
                frame[1] = (byte)payload.Length;
                break;
            case 4:
                frame[1] = 126;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = 127;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        payload.CopyTo(frame.AsSpan(headerLength));
        return frame;
    }
}
