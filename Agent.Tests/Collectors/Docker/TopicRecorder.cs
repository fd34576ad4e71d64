using System.Threading.Channels;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;

namespace Agent.Tests.Collectors.Docker;

/// <summary>A publication subscriber that hands each <c>container_list_update</c> to the test with its arrival time.</summary>
public sealed class TopicRecorder : ITopicSubscriber
{
    private readonly Channel<(IReadOnlyList<ContainerStatus> List, DateTime ArrivedUtc)> _lists =
        Channel.CreateUnbounded<(IReadOnlyList<ContainerStatus>, DateTime)>();

    /// <inheritdoc/>
    public void OnPublished(Publication publication)
    {
        ArgumentNullException.ThrowIfNull(publication);
        if (publication.Topic == TopicCatalog.ContainerListUpdate && publication.Payload is IReadOnlyList<ContainerStatus> list)
        {
            _lists.Writer.TryWrite((list, DateTime.UtcNow));
        }
    }

    /// <summary>Every list received so far with its arrival time, for failure messages.</summary>
    public List<(string Summary, DateTime ArrivedUtc)> Seen { get; } = [];

    /// <summary>Waits for the first list that satisfies <paramref name="condition"/>; returns when it arrived.</summary>
    public async Task<DateTime> WaitForAsync(Func<IReadOnlyList<ContainerStatus>, bool> condition, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            var (list, arrived) = await _lists.Reader.ReadAsync(limit.Token);
            Seen.Add((string.Join(",", list.Select(c => $"{c.Name}={c.State}")), arrived));
            if (condition(list))
            {
                return arrived;
            }
        }
    }
}
