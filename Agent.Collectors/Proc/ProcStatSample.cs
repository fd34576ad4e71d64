namespace Agent.Collectors.Proc;

/// <summary>The CPU lines of one read of <c>/proc/stat</c>: the aggregate line (when present) and one per online CPU.</summary>
internal sealed record ProcStatSample(CpuTimes? Aggregate, IReadOnlyList<CpuTimes> Cores);
