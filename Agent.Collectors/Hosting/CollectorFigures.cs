namespace Agent.Collectors.Hosting;

/// <summary>Figures of one collector since start.</summary>
public sealed record CollectorFigures(string Name, long Runs, long Failures, TimeSpan LastDuration, TimeSpan TotalDuration);
