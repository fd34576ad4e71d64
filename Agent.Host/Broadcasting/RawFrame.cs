using Agent.Collectors.Hosting;

namespace Agent.Host.Broadcasting;

/// <summary>
/// One event as the raw socket's JSON envelope, shared by every raw client. The envelope is written on first use and
/// then kept: an agent that serves only hub clients never writes it, and with raw clients it is written once.
/// </summary>
internal sealed class RawFrame
{
    private readonly Publication _publication;
    private readonly DeliveryStatistics? _statistics;
    private byte[]? _utf8;

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
    public ReadOnlyMemory<byte> Utf8 => Volatile.Read(ref _utf8) ?? Write();

    // Two threads may both write it the first time (a broadcast and a snapshot); they produce the same bytes and the
    // first stored copy wins, so no lock is taken on the path every delivery reads.
    private byte[] Write()
    {
        var written = EnvelopeWriter.Serialize(_publication);
        _statistics?.Serialized(Transport.Raw);
        return Interlocked.CompareExchange(ref _utf8, written, null) ?? written;
    }
}
