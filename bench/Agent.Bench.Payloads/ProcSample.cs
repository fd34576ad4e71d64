using System.Globalization;

namespace Agent.Bench.Payloads;

/// <summary>CPU time and resident memory of one process, read from <c>/proc/&lt;pid&gt;/stat</c> and <c>status</c>.</summary>
/// <param name="CpuSeconds">User plus system CPU time since the process started.</param>
/// <param name="ResidentBytes">VmRSS.</param>
public sealed record ProcSample(double CpuSeconds, long ResidentBytes)
{
    /// <summary>
    /// The share of one core (CPU seconds per second) at or above which a process is taken to be saturated: a load
    /// client then bounds its run, and a one-thread server is at its own limit.
    /// </summary>
    public const double SaturatedCoreShare = 0.9;

    // USER_HZ is 100 on every Linux architecture the agent runs on (see proc(5), "clock ticks").
    private const double TicksPerSecond = 100;

    /// <summary>Reads the figures of <paramref name="pid"/>.</summary>
    public static ProcSample Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name in parentheses may hold spaces; the fields after it are fixed (proc(5)): utime is field 14.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);

        long rss = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return new ProcSample(ticks / TicksPerSecond, rss);
    }
}
