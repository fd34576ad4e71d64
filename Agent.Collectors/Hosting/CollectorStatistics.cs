using System.Collections.Concurrent;

namespace Agent.Collectors.Hosting;

/// <summary>Run counts and durations of every collector, for <c>/metrics</c>.</summary>
public sealed class CollectorStatistics
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Records one run of <paramref name="collector"/>.</summary>
    public void Record(string collector, TimeSpan duration, bool failed)
    {
        var entry = _entries.GetOrAdd(collector, _ => new Entry());
        lock (entry)
        {
            entry.Runs++;
            entry.Failures += failed ? 1 : 0;
            entry.LastDuration = duration;
            entry.TotalDuration += duration;
        }
    }

    /// <summary>A consistent copy of every collector's figures, by collector name.</summary>
    public IReadOnlyList<CollectorFigures> Snapshot() =>
        [.. _entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value.ToFigures(e.Key))];

    private sealed class Entry
    {
        public long Runs { get; set; }

        public long Failures { get; set; }

        public TimeSpan LastDuration { get; set; }

        public TimeSpan TotalDuration { get; set; }

        public CollectorFigures ToFigures(string name)
        {
            lock (this)
            {
                return new CollectorFigures(name, Runs, Failures, LastDuration, TotalDuration);
            }
        }
    }
}
