using System.Threading.Channels;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Ups;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

/// <summary>A subscriber of the publication point that keeps every <c>ups_status_update</c>, as a client would see them.</summary>
internal sealed class RecordingSubscriber : ITopicSubscriber
{
    private readonly Channel<UpsStatus> _received = Channel.CreateUnbounded<UpsStatus>();
    private readonly List<UpsStatus> _seen = [];

    /// <summary>Every status taken so far by <see cref="WaitForAsync"/>.</summary>
    public IReadOnlyList<UpsStatus> Seen => _seen;

    public void OnPublished(Publication publication)
    {
        if (publication.Topic == TopicCatalog.UpsStatusUpdate)
        {
            _received.Writer.TryWrite((UpsStatus)publication.Payload);
        }
    }

    /// <summary>Takes publications until one matches, failing after the default timeout.</summary>
    public async Task<UpsStatus> WaitForAsync(Func<UpsStatus, bool> match, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        try
        {
            while (true)
            {
                var status = await _received.Reader.ReadAsync(limit.Token);
                _seen.Add(status);
                if (match(status))
                {
                    return status;
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            var seen = string.Join(", ", _seen.Select(s => $"{s.Name}:{s.Status}:{s.Connected}"));
            throw new TimeoutException($"No matching ups_status_update in time; saw [{seen}].", ex);
        }
    }

    /// <summary>Takes every publication that has arrived so far.</summary>
    public IReadOnlyList<UpsStatus> Drain()
    {
        while (_received.Reader.TryRead(out var status))
        {
            _seen.Add(status);
        }

        return _seen;
    }
}
