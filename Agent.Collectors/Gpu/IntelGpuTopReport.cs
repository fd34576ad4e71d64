namespace Agent.Collectors.Gpu;

/// <summary>The samples found in one run of <c>intel_gpu_top -J</c>, and how many objects did not parse.</summary>
internal sealed record IntelGpuTopReport(IReadOnlyList<IntelGpuTopSample> Samples, int SkippedObjects)
{
    /// <summary>
    /// The samples to average: every one but the first when there are several, because the first is often a spike or
    /// all zeros (FORMATS.md §9).
    /// </summary>
    public IReadOnlyList<IntelGpuTopSample> Usable => Samples.Count > 1 ? [.. Samples.Skip(1)] : Samples;

    /// <summary>
    /// Busy percent of the GPU: the mean over engine classes (the prefix before <c>/</c>, so <c>Video/0</c> and
    /// <c>Video/1</c> are one class), averaged over the usable samples.
    /// </summary>
    public double UtilizationPercent()
    {
        var perSample = Usable
            .Where(s => s.EngineBusyPercent.Count > 0)
            .Select(s => s.EngineBusyPercent
                .GroupBy(e => EngineClass(e.Key), StringComparer.Ordinal)
                .Select(g => g.Average(e => e.Value))
                .Average())
            .ToList();
        return perSample.Count > 0 ? Math.Clamp(perSample.Average(), 0, 100) : 0;
    }

    /// <summary>The mean GPU power over the usable samples that report it; 0 without RAPL.</summary>
    public double PowerWatts()
    {
        var readings = Usable.Select(s => s.GpuPowerWatts).OfType<double>().ToList();
        return readings.Count > 0 ? readings.Average() : 0;
    }

    private static string EngineClass(string engine)
    {
        var slash = engine.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? engine : engine[..slash];
    }
}
