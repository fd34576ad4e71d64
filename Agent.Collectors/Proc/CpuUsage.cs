namespace Agent.Collectors.Proc;

/// <summary>Busy shares in percent (0–100): all CPUs together, and each CPU by its <c>cpuN</c> name.</summary>
internal sealed record CpuUsage(double TotalPercent, IReadOnlyDictionary<string, double> PerCorePercent);
