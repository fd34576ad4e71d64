using System.Collections.Concurrent;
using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;

namespace Agent.Tests.Host.Array;

/// <summary>Records every publication of one topic, as a transport would see it.</summary>
public sealed class PublicationRecorder(Topic topic) : ITopicSubscriber
{
    private readonly ConcurrentQueue<Publication> _seen = new();

    /// <summary>The publications so far, in order.</summary>
    public IReadOnlyList<Publication> Seen => [.. _seen];

    /// <inheritdoc/>
    public void OnPublished(Publication publication)
    {
        if (publication.Topic == topic)
        {
            _seen.Enqueue(publication);
        }
    }
}
