namespace Agent.Collectors.Proc;

/// <summary>The three load averages of <c>/proc/loadavg</c> (runnable and uninterruptible tasks).</summary>
internal readonly record struct LoadAverages(double OneMinute, double FiveMinutes, double FifteenMinutes);
