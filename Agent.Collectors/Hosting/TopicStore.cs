using System.Collections.Concurrent;
using Agent.Contracts.Topics;

namespace Agent.Collectors.Hosting;

/// <summary>
/// The publication point: keeps the latest value of each topic and hands every new value to the subscribers
/// (the real-time transports). Snapshots for REST and for newly joined clients are read from here.
/// </summary>
public sealed class TopicStore(TimeProvider time) : ITopicPublisher
{
    private readonly ConcurrentDictionary<string, Publication> _latest = new(StringComparer.Ordinal);
    // Guards writes of _subscribers; readers take the array as it is, because it is replaced, never changed.
    private readonly Lock _subscribersGate = new();
    private volatile ITopicSubscriber[] _subscribers = [];
    private long _sequence;

    /// <summary>Publications since start.</summary>
    public long PublishedTotal => Interlocked.Read(ref _sequence);

    /// <inheritdoc/>
    public Publication Publish(Topic topic, object payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(payload);

        var publication = new Publication(topic, payload, time.GetLocalNow(), Interlocked.Increment(ref _sequence));
        _latest[topic.Name] = publication;
        foreach (var subscriber in _subscribers)
        {
            subscriber.OnPublished(publication);
        }

        return publication;
    }

    /// <summary>The latest value of <paramref name="topic"/>, or <see langword="null"/> before its first publication.</summary>
    public Publication? GetLatest(Topic topic) => _latest.GetValueOrDefault(topic.Name);

    /// <summary>The latest value of every topic that has one, in catalogue order.</summary>
    public IEnumerable<Publication> GetAllLatest() =>
        TopicCatalog.All.Select(GetLatest).OfType<Publication>();

    /// <summary>Adds a subscriber for every later publication.</summary>
    public void Subscribe(ITopicSubscriber subscriber)
    {
        lock (_subscribersGate)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
    }

    /// <summary>Removes a subscriber.</summary>
    public void Unsubscribe(ITopicSubscriber subscriber)
    {
        lock (_subscribersGate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscriber))];
        }
    }
}
