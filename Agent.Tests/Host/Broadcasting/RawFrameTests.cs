using System.Buffers.Binary;
using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>The WebSocket frame written once per event: an unmasked, final text frame around the envelope.</summary>
public sealed class RawFrameTests
{
    [Theory]
    [InlineData(10, 2)]
    [InlineData(1_000, 4)]
    [InlineData(70_000, 10)]
    public void Frame_EnvelopeOfAnySize_HasHeaderOfItsLengthThenEnvelope(int payloadLength, int headerLength)
    {
        var payload = new string('x', payloadLength);
        var frame = new RawFrame(new Publication(TopicCatalog.DiskListUpdate, payload, Sample.Timestamp, 1));

        var bytes = frame.Frame.Span;
        var envelope = frame.Utf8.Span;
        var length = headerLength switch
        {
            2 => bytes[1],
            4 => BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            _ => (long)BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]),
        };

        Assert.Equal(0x81, bytes[0]);
        Assert.Equal(headerLength switch { 2 => envelope.Length, 4 => 126, _ => 127 }, bytes[1]);
        Assert.Equal(envelope.Length, length);
        Assert.Equal(headerLength + envelope.Length, bytes.Length);
        Assert.True(bytes[headerLength..].SequenceEqual(envelope));
        Assert.Equal((byte)'{', envelope[0]);
    }
}
