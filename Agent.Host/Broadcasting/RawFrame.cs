namespace Agent.Host.Broadcasting;

/// <summary>One event serialized once as the raw socket's JSON envelope, shared by every raw client.</summary>
/// <param name="Topic">The topic name (the envelope's <c>event</c>), which the client's filter matches.</param>
/// <param name="Key">The coalescing key: the topic, plus the subsystem for <c>source_status_changed</c>.</param>
/// <param name="Utf8">The envelope as UTF-8 text.</param>
internal sealed record RawFrame(string Topic, string Key, ReadOnlyMemory<byte> Utf8);
