namespace Agent.Collectors.Hosting;

/// <summary>Receives every publication, on the publishing collector's thread.</summary>
/// <remarks>An implementation must not block or wait for I/O: it queues work and returns.</remarks>
public interface ITopicSubscriber
{
    /// <summary>Called once per publication.</summary>
    void OnPublished(Publication publication);
}
