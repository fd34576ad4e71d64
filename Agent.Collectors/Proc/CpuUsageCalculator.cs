namespace Agent.Collectors.Proc;

/// <summary>
/// Turns successive <c>/proc/stat</c> samples into busy percentages from the tick deltas between them, so a
/// collection never sleeps to take a second sample. The first sample (and a CPU that just came online) has no
/// predecessor and is measured since boot, which is the kernel's own average; a later sample measures the interval.
/// A CPU that went offline is forgotten.
/// </summary>
internal sealed class CpuUsageCalculator
{
    private readonly Dictionary<int, CpuTimes> _previousCores = [];
    private CpuTimes _previousAggregate;

    public CpuUsage Update(ProcStatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);

        var perCore = new Dictionary<string, double>(sample.Cores.Count);
        var present = new HashSet<int>();
        foreach (var core in sample.Cores)
        {
            present.Add(core.Id);
            var previous = _previousCores.GetValueOrDefault(core.Id);
            perCore[$"cpu{core.Id}"] = BusyPercent(previous, core);
            _previousCores[core.Id] = core;
        }

        foreach (var gone in _previousCores.Keys.Where(id => !present.Contains(id)).ToList())
        {
            _previousCores.Remove(gone);
        }

        var total = 0.0;
        if (sample.Aggregate is { } aggregate)
        {
            total = BusyPercent(_previousAggregate, aggregate);
            _previousAggregate = aggregate;
        }
        else if (perCore.Count > 0)
        {
            total = perCore.Values.Average();
        }

        return new CpuUsage(total, perCore);
    }

    /// <summary>
    /// The busy share between two samples. A line whose counters went backwards (the CPU was hot-plugged and its
    /// counters restarted) is measured since boot instead; an interval without ticks gives 0, never NaN.
    /// </summary>
    internal static double BusyPercent(CpuTimes previous, CpuTimes current)
    {
        if (current.TotalTicks < previous.TotalTicks || current.IdleTicks < previous.IdleTicks)
        {
            previous = default;
        }

        var total = current.TotalTicks - previous.TotalTicks;
        if (total == 0)
        {
            return 0;
        }

        var idle = current.IdleTicks - previous.IdleTicks;
        var busy = total > idle ? total - idle : 0;
        return Math.Clamp(100.0 * busy / total, 0, 100);
    }
}
