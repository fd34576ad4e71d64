using Agent.Contracts.Topics;

namespace Agent.Collectors.Hosting;

/// <summary>One value of a topic as a collector published it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Payload">The payload, of <see cref="Topic.PayloadType"/>; immutable once published.</param>
/// <param name="Timestamp">The moment of publication.</param>
/// <param name="Sequence">Position in the order of all publications since start, from 1.</param>
public sealed record Publication(Topic Topic, object Payload, DateTimeOffset Timestamp, long Sequence);
