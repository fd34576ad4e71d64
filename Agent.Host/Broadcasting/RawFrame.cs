using Agent.Collectors.Hosting;

namespace Agent.Host.Broadcasting;

/// <summary>
/// One event as the raw socket's JSON envelope, shared by every raw client, together with the WebSocket text frame
/// that carries it: a server's frame is not masked, so the same bytes go to every client. Both are written on first
/// use and then kept: an agent that serves only hub clients never writes them, and with raw clients they are written
/// once.
/// </summary>
internal sealed class RawFrame
{
    private readonly Publication _publication;
    private readonly DeliveryStatistics? _statistics;
    private readonly Lock _gate = new();
    private byte[]? _frame;

    /// <summary>A frame whose envelope <see cref="EnvelopeWriter"/> writes from <paramref name="publication"/> when first read.</summary>
    /// <param name="publication">The event.</param>
    /// <param name="statistics">Where the serialization is counted, if anywhere.</param>
    public RawFrame(Publication publication, DeliveryStatistics? statistics = null)
    {
        _publication = publication;
        _statistics = statistics;
        Topic = publication.Topic.Name;
        Key = EnvelopeWriter.KeyOf(publication.Topic, publication.Payload);
    }

    /// <summary>The topic name (the envelope's <c>event</c>), which the client's filter matches.</summary>
    public string Topic { get; }

    /// <summary>The coalescing key: the topic, plus the subsystem for <c>source_status_changed</c>.</summary>
    public string Key { get; }

    /// <summary>The envelope as UTF-8 text.</summary>
    public ReadOnlyMemory<byte> Utf8
    {
        get
        {
            var frame = Frame;
            return frame[WebSocketFrames.HeaderLength(frame.Span)..];
        }
    }

    /// <summary>The whole WebSocket frame: one final text frame (RFC 6455 §5.2) whose payload is <see cref="Utf8"/>.</summary>
    public ReadOnlyMemory<byte> Frame => Volatile.Read(ref _frame) ?? Write();

    // The broadcasting thread and a slow client's pump (sending what was queued) can reach a new frame at the same
    // moment; the lock makes the first one write it and the other wait for that copy, so an event is serialized once.
    // Once written, readers take no lock.
    private byte[] Write()
    {
        lock (_gate)
        {
            if (_frame is { } written)
            {
                return written;
            }

            var utf8 = EnvelopeWriter.Serialize(_publication);
            _statistics?.Serialized(Transport.Raw);
            var frame = WebSocketFrames.Text(utf8);
            Volatile.Write(ref _frame, frame);
            return frame;
        }
    }
}
