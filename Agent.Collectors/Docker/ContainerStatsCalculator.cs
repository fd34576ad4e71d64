using Docker.DotNet.Models;

namespace Agent.Collectors.Docker;

/// <summary>
/// Turns one Engine stats frame into usage figures. Formulas from the stats description of moby's
/// <c>api/swagger.yaml</c>; see the Docker section of <c>FORMATS.md</c>.
/// </summary>
internal static class ContainerStatsCalculator
{
    /// <summary>
    /// Usage from <paramref name="stats"/>. CPU and network rates need two samples: the frame's own
    /// <c>precpu_stats</c> when the daemon filled it, otherwise <paramref name="previous"/> from the last poll;
    /// with neither, they are 0.
    /// </summary>
    public static ContainerUsage Calculate(ContainerStatsResponse stats, ContainerSample? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stats);

        var (rx, tx) = SumNetworks(stats.Networks);
        var cpuTotal = stats.CPUStats?.CPUUsage?.TotalUsage ?? 0;
        var system = stats.CPUStats?.SystemUsage ?? 0;
        var sample = new ContainerSample(cpuTotal, system, rx, tx, now);
        var (used, limit) = Memory(stats.MemoryStats);
        var (rxRate, txRate) = NetworkRates(sample, previous);
        return new ContainerUsage(
            CpuPercent(stats, previous),
            used,
            limit,
            limit > 0 ? Finite(100.0 * used / limit) : 0,
            rx,
            tx,
            rxRate,
            txRate,
            sample);
    }

    /// <summary>
    /// CPU use in percent of the whole host: the container's CPU time over the host's CPU time (summed over all
    /// CPUs) between two samples. Docker's CLI multiplies this by the number of CPUs; the contract does not (see
    /// <c>docs/compat.md</c>).
    /// </summary>
    public static double CpuPercent(ContainerStatsResponse stats, ContainerSample? previous)
    {
        ArgumentNullException.ThrowIfNull(stats);

        var cpuNow = stats.CPUStats?.CPUUsage?.TotalUsage ?? 0;
        var systemNow = stats.CPUStats?.SystemUsage ?? 0;
        var (cpuBefore, systemBefore) = stats.PreCPUStats?.SystemUsage is > 0
            ? (stats.PreCPUStats.CPUUsage?.TotalUsage ?? 0, stats.PreCPUStats.SystemUsage.Value)
            : previous is { SystemNanoseconds: > 0 } last ? (last.CpuTotalNanoseconds, last.SystemNanoseconds) : (0UL, 0UL);

        // A first frame has no system usage before it; a restarted container's counters start again below the last.
        if (systemBefore == 0 || systemNow <= systemBefore || cpuNow < cpuBefore)
        {
            return 0;
        }

        return Finite(100.0 * (cpuNow - cpuBefore) / (systemNow - systemBefore));
    }

    /// <summary>
    /// Memory in use without the reclaimable page cache, as <c>docker stats</c> shows it: the usage less
    /// <c>total_inactive_file</c> (cgroup v1) or <c>inactive_file</c> (cgroup v2), or less <c>cache</c> when an old
    /// daemon gives neither; and the limit.
    /// </summary>
    public static (long UsedBytes, long LimitBytes) Memory(MemoryStats? memory)
    {
        var usage = memory?.Usage ?? 0;
        var limit = memory?.Limit ?? 0;
        var stats = memory?.Stats;
        ulong reclaimable = 0;
        if (stats is not null)
        {
            reclaimable = stats.TryGetValue("total_inactive_file", out var v1) ? v1
                : stats.TryGetValue("inactive_file", out var v2) ? v2
                : stats.TryGetValue("cache", out var cache) ? cache
                : 0;
        }

        var used = reclaimable < usage ? usage - reclaimable : usage;
        return (ToLong(used), ToLong(limit));
    }

    private static (long Rx, long Tx) SumNetworks(IDictionary<string, NetworkStats>? networks)
    {
        // A container with --network none or host has no networks object at all.
        if (networks is null)
        {
            return (0, 0);
        }

        ulong rx = 0;
        ulong tx = 0;
        foreach (var network in networks.Values)
        {
            rx += network.RxBytes;
            tx += network.TxBytes;
        }

        return (ToLong(rx), ToLong(tx));
    }

    private static (double Rx, double Tx) NetworkRates(ContainerSample now, ContainerSample? previous)
    {
        if (previous is not { } last)
        {
            return (0, 0);
        }

        var seconds = (now.ReadAt - last.ReadAt).TotalSeconds;

        // Counters that went down belong to a restarted container or a removed interface: no rate for this sample.
        if (seconds <= 0 || now.RxBytes < last.RxBytes || now.TxBytes < last.TxBytes)
        {
            return (0, 0);
        }

        return (Finite((now.RxBytes - last.RxBytes) / seconds), Finite((now.TxBytes - last.TxBytes) / seconds));
    }

    private static long ToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
