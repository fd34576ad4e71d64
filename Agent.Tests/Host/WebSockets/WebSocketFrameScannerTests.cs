using System.Buffers.Binary;
using Agent.Host.WebSockets;

namespace Agent.Tests.Host.WebSockets;

/// <summary>The passive frame-header parser under the ping-flood guard, fed frames built by RFC 6455 §5.2.</summary>
public sealed class WebSocketFrameScannerTests
{
    private const byte Text = 0x1;
    private const byte Binary = 0x2;
    private const byte Close = 0x8;
    private const byte Ping = 0x9;
    private const byte Pong = 0xA;

    [Theory]
    [InlineData(Ping, true, 1)]
    [InlineData(Pong, true, 1)]
    [InlineData(Ping, false, 1)]
    [InlineData(Text, true, 0)]
    [InlineData(Binary, true, 0)]
    [InlineData(Close, true, 0)]
    public void Scan_OneFrame_CountsOnlyPingsAndPongs(byte opcode, bool masked, int expected)
    {
        var scanner = new WebSocketFrameScanner();

        var counted = scanner.Scan(Frame(opcode, 8, masked));

        Assert.Equal(expected, counted);
        Assert.True(scanner.IsAtFrameStart);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(200_000)]
    public void Scan_PayloadOfEveryLengthForm_IsSkippedToTheNextHeader(int length)
    {
        var scanner = new WebSocketFrameScanner();

        var counted = scanner.Scan([.. Frame(Binary, length, masked: true), .. Frame(Ping, 4, masked: true)]);

        Assert.Equal(1, counted);
        Assert.True(scanner.IsAtFrameStart);
    }

    [Fact]
    public void Scan_StreamSplitAtEveryPossiblePoint_CountsTheSameAsInOnePiece()
    {
        byte[] stream = [.. Mixed(), .. Mixed()];

        for (var split = 0; split <= stream.Length; split++)
        {
            var scanner = new WebSocketFrameScanner();
            var counted = scanner.Scan(stream.AsSpan(0, split)) + scanner.Scan(stream.AsSpan(split));

            Assert.Equal(6, counted);
            Assert.True(scanner.IsAtFrameStart, $"split at {split}");
        }
    }

    [Fact]
    public void Scan_OneByteAtATime_CountsEveryPingAndEndsBetweenFrames()
    {
        byte[] stream = [.. Frame(Text, 70_000, masked: true), .. Mixed(), .. Frame(Binary, 300, masked: false), .. Frame(Pong, 0, masked: true)];
        var scanner = new WebSocketFrameScanner();

        var counted = 0;
        foreach (var b in stream)
        {
            counted += scanner.Scan([b]);
        }

        Assert.Equal(4, counted);
        Assert.True(scanner.IsAtFrameStart);
    }

    [Fact]
    public void Scan_InTheMiddleOfAHeaderOrPayload_IsNotAtAFrameStart()
    {
        var frame = Frame(Text, 300, masked: true);
        var scanner = new WebSocketFrameScanner();

        scanner.Scan(frame.AsSpan(0, 3));
        var inHeader = scanner.IsAtFrameStart;
        scanner.Scan(frame.AsSpan(3, 100));
        var inPayload = scanner.IsAtFrameStart;
        scanner.Scan(frame.AsSpan(103));

        Assert.False(inHeader);
        Assert.False(inPayload);
        Assert.True(scanner.IsAtFrameStart);
    }

    [Fact]
    public void Scan_FragmentedMessage_IsInAMessageUntilItsFinalFrame()
    {
        var scanner = new WebSocketFrameScanner();

        scanner.Scan(Frame(Text, 10, masked: false, fin: false));
        var afterFirst = (scanner.InMessage, scanner.FinalFrames);
        scanner.Scan(Frame(Ping, 0, masked: false));
        var afterPing = (scanner.InMessage, scanner.FinalFrames);
        scanner.Scan(Frame(0x0, 10, masked: false, fin: false));
        var afterMiddle = (scanner.InMessage, scanner.FinalFrames);
        scanner.Scan(Frame(0x0, 10, masked: false));

        Assert.Equal((true, 0L), afterFirst);
        Assert.Equal((true, 0L), afterPing);
        Assert.Equal((true, 0L), afterMiddle);
        Assert.Equal((false, 1L), (scanner.InMessage, scanner.FinalFrames));
    }

    [Fact]
    public void Scan_WholeMessagesAndControlFrames_CountsOnlyDataMessages()
    {
        var scanner = new WebSocketFrameScanner();

        scanner.Scan([.. Frame(Pong, 0, masked: false), .. Frame(Text, 3, masked: false), .. Frame(Binary, 300, masked: false)]);

        Assert.False(scanner.InMessage);
        Assert.Equal(2, scanner.FinalFrames);
    }

    [Fact]
    public void Scan_ManyFrames_AllocatesNothing()
    {
        byte[] stream = [.. Mixed(), .. Frame(Binary, 70_000, masked: true)];
        var scanner = new WebSocketFrameScanner();
        scanner.Scan(stream);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var counted = 0;
        for (var i = 0; i < 1_000; i++)
        {
            counted += scanner.Scan(stream.AsSpan(0, 7)) + scanner.Scan(stream.AsSpan(7));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3_000, counted);
        Assert.Equal(0, allocated);
    }

    // Three pings or pongs among data frames of the three length forms, a fragment and a close.
    private static byte[] Mixed() =>
    [
        .. Frame(Text, 5, masked: true, fin: false),
        .. Frame(Ping, 0, masked: true),
        .. Frame(0x0, 130, masked: true),
        .. Frame(Pong, 125, masked: true),
        .. Frame(Binary, 66_000, masked: true),
        .. Frame(Ping, 8, masked: false),
        .. Frame(Close, 2, masked: true),
    ];

    private static byte[] Frame(byte opcode, int length, bool masked, bool fin = true)
    {
        var lengthBytes = length < 126 ? 0 : length <= ushort.MaxValue ? 2 : 8;
        var maskBytes = masked ? 4 : 0;
        var frame = new byte[2 + lengthBytes + maskBytes + length];
        frame[0] = (byte)((fin ? 0x80 : 0) | opcode);
        var maskBit = masked ? 0x80 : 0;
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)(maskBit | length);
                break;
            case 2:
                frame[1] = (byte)(maskBit | 126);
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)length);
                break;
            default:
                frame[1] = (byte)(maskBit | 127);
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)length);
                break;
        }

        // Payload bytes that look like headers (0x89 is a ping's first byte) must be skipped, not parsed.
        frame.AsSpan(2 + lengthBytes).Fill(0x89);
        return frame;
    }
}
