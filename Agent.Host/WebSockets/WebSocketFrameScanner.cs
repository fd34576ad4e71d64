namespace Agent.Host.WebSockets;

/// <summary>
/// Follows the frame headers of one direction of a WebSocket byte stream without touching the bytes (RFC 6455 §5.2):
/// inbound, to count the control frames the socket answers by itself; outbound, to know where a frame or a fragmented
/// message ends, so that another writer's frame goes in between, not inside. A state machine: a header may be split over
/// any number of reads, and a payload is skipped by its length, never copied. A mutable struct kept in a field of its
/// one owner, so scanning allocates nothing.
/// </summary>
internal struct WebSocketFrameScanner
{
    private const int OpcodeBinary = 0x2;
    private const int OpcodeClose = 0x8;
    private const int OpcodePing = 0x9;
    private const int OpcodePong = 0xA;
    private const int MaskKeyBytes = 4;

    private Step _step;
    private bool _masked;
    private int _lengthBytesLeft;
    private ulong _length;
    private ulong _skip;
    private bool _sawClose;
    private bool _inMessage;
    private long _finalFrames;

    /// <summary>Whether the bytes scanned so far end exactly between two frames.</summary>
    public readonly bool IsAtFrameStart => _step == Step.FirstByte;

    /// <summary>Whether a close frame has begun: nothing may follow it in this direction (RFC 6455 §5.5.1).</summary>
    public readonly bool SawClose => _sawClose;

    /// <summary>
    /// Whether a data message sent in fragments has begun and its final frame has not: no other data frame may come
    /// between its frames (RFC 6455 §5.4), only control frames.
    /// </summary>
    public readonly bool InMessage => _inMessage;

    /// <summary>The final frames of data messages met so far, counted at their header.</summary>
    public readonly long FinalFrames => _finalFrames;

    /// <summary>Scans the next bytes of the stream.</summary>
    /// <returns>The number of ping and pong frames whose header starts in <paramref name="bytes"/>.</returns>
    public int Scan(ReadOnlySpan<byte> bytes)
    {
        var controlFrames = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            switch (_step)
            {
                // FIN, RSV1-3 and the opcode: the only byte that says what the frame is.
                case Step.FirstByte:
                    var first = bytes[at++];
                    var opcode = first & 0x0F;
                    controlFrames += opcode is OpcodePing or OpcodePong ? 1 : 0;
                    _sawClose |= opcode == OpcodeClose;

                    // Text, binary and continuation frames make up data messages; FIN marks a message's last frame.
                    if (opcode <= OpcodeBinary)
                    {
                        _inMessage = (first & 0x80) == 0;
                        _finalFrames += _inMessage ? 0 : 1;
                    }

                    _step = Step.SecondByte;
                    break;

                // MASK and the 7-bit length; 126 and 127 announce a 16-bit or 64-bit length in network byte order.
                case Step.SecondByte:
                    var second = bytes[at++];
                    _masked = (second & 0x80) != 0;
                    _length = (ulong)(second & 0x7F);
                    if (_length < 126)
                    {
                        EndOfHeaderLength();
                    }
                    else
                    {
                        _lengthBytesLeft = _length == 126 ? 2 : 8;
                        _length = 0;
                        _step = Step.ExtendedLength;
                    }

                    break;

                case Step.ExtendedLength:
                    _length = (_length << 8) | bytes[at++];
                    if (--_lengthBytesLeft == 0)
                    {
                        EndOfHeaderLength();
                    }

                    break;

                // The masking key and the payload are skipped together: neither says anything about the next frame.
                default:
                    var taken = (int)Math.Min(_skip, (ulong)(bytes.Length - at));
                    at += taken;
                    _skip -= (ulong)taken;
                    if (_skip == 0)
                    {
                        _step = Step.FirstByte;
                    }

                    break;
            }
        }

        return controlFrames;
    }

    private void EndOfHeaderLength()
    {
        // A length with its top bit set is invalid (the socket fails the connection); saturating keeps this side sane.
        var maskBytes = _masked ? (ulong)MaskKeyBytes : 0;
        _skip = _length > ulong.MaxValue - maskBytes ? ulong.MaxValue : _length + maskBytes;
        _step = _skip == 0 ? Step.FirstByte : Step.Skip;
    }

    private enum Step
    {
        FirstByte,
        SecondByte,
        ExtendedLength,
        Skip,
    }
}
