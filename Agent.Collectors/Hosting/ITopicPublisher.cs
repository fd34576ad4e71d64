using Agent.Contracts.Topics;

namespace Agent.Collectors.Hosting;

/// <summary>The one place collectors hand their values to.</summary>
public interface ITopicPublisher
{
    /// <summary>Stores <paramref name="payload"/> as the latest value of <paramref name="topic"/> and hands it to every subscriber.</summary>
    /// <remarks>Returns without waiting for any client; subscribers only queue the value.</remarks>
    Publication Publish(Topic topic, object payload);
}
