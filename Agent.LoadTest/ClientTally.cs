namespace Agent.LoadTest;

/// <summary>What one client saw: its connect outcome, its events by topic, its errors. Safe to update from any thread.</summary>
internal sealed class ClientTally(int index, TransportKind transport)
{
    // Enough errors to diagnose a client without letting a broken one fill the memory.
    private const int MaxErrors = 20;

    // Guards _events and _errors; the counters are read for the progress line while receive loops write them.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _events = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private long _total;
    private volatile bool _frozen;

    public int Index { get; } = index;

    public TransportKind Transport { get; } = transport;

    public bool IsAccepted { get; private set; }

    /// <summary>Why the agent refused the client, or why its connect failed; null when accepted.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>Whether the refusal was the connection cap (rather than a network or protocol failure).</summary>
    public bool IsRefusedByCap { get; private set; }

    public TimeSpan ConnectTime { get; private set; }

    /// <summary>Whether the connection ended before the tool closed it.</summary>
    public bool HasUnexpectedDisconnect { get; private set; }

    public long Total => Interlocked.Read(ref _total);

    public void Accepted(TimeSpan connectTime)
    {
        ConnectTime = connectTime;
        IsAccepted = true;
    }

    public void Refused(TimeSpan connectTime, string reason, bool byCap)
    {
        ConnectTime = connectTime;
        RefusalReason = reason;
        IsRefusedByCap = byCap;
    }

    /// <summary>Counts one event of <paramref name="topic"/>, unless the run has already stopped.</summary>
    public void Count(string topic)
    {
        if (_frozen)
        {
            return;
        }

        lock (_gate)
        {
            _events[topic] = _events.GetValueOrDefault(topic) + 1;
        }

        Interlocked.Increment(ref _total);
    }

    /// <summary>Stops counting: events that arrive after the run's end are not part of it.</summary>
    public void Freeze() => _frozen = true;

    public void Disconnected(string reason)
    {
        if (_frozen)
        {
            return;
        }

        HasUnexpectedDisconnect = true;
        Error(reason);
    }

    public void Error(string message)
    {
        lock (_gate)
        {
            if (_errors.Count < MaxErrors)
            {
                _errors.Add(message);
            }
        }
    }

    public IReadOnlyDictionary<string, long> Events()
    {
        lock (_gate)
        {
            return new SortedDictionary<string, long>(_events, StringComparer.Ordinal);
        }
    }

    public IReadOnlyList<string> Errors()
    {
        lock (_gate)
        {
            return [.. _errors];
        }
    }
}
