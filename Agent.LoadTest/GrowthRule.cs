using System.Globalization;

namespace Agent.LoadTest;

/// <summary>
/// Decides whether a figure sampled over a soak run grows without bound. The first quarter of the samples is warm-up
/// and ignored. The figure fails only when both (a) the mean of the last quarter exceeds the mean of the second quarter
/// by more than the tolerance and (b) the least-squares slope over the second half, times the second half's length,
/// also exceeds it. A step that settles (a cache filling) passes (b); a lone spike passes (a); a leak fails both.
/// The tolerance is an absolute allowance plus a share of the second quarter's mean.
/// </summary>
internal sealed record GrowthRule(string Metric, double Absolute, double Relative)
{
    /// <summary>Fewer samples than this decide nothing; the verdict passes and says so.</summary>
    public const int MinimumSamples = 8;

    public static readonly GrowthRule ResidentMemory = new("rss_bytes", 32.0 * 1024 * 1024, 0.25);
    public static readonly GrowthRule OpenHandles = new("open_handles", 16, 0.25);
    public static readonly GrowthRule Threads = new("threads", 8, 0.25);

    public GrowthVerdict Judge(IReadOnlyList<(double Seconds, double Value)> samples)
    {
        if (samples.Count < MinimumSamples)
        {
            var only = samples.Count == 0 ? 0 : samples[^1].Value;
            return new GrowthVerdict(Metric, only, only, only, only, 0, 0, 0, 0, true,
                $"only {samples.Count} samples, at least {MinimumSamples} are needed to judge growth");
        }

        var quarter = samples.Count / 4;
        var warm = samples.Skip(quarter).Take(quarter).Average(s => s.Value);
        var last = samples.Skip(samples.Count - quarter).Average(s => s.Value);
        var secondHalf = samples.Skip(samples.Count / 2).ToArray();
        var slope = Slope(secondHalf);
        var projected = slope * (secondHalf[^1].Seconds - secondHalf[0].Seconds);
        var tolerance = Absolute + (Relative * warm);
        var rise = last - warm;
        var passed = rise <= tolerance || projected <= tolerance;
        var detail = string.Create(
            CultureInfo.InvariantCulture,
            $"last-quarter mean {last:F0} vs second-quarter mean {warm:F0} (rise {rise:F0}); second-half slope {slope:F2}/s " +
            $"(projected {projected:F0}); tolerance {tolerance:F0}");
        return new GrowthVerdict(Metric, samples[0].Value, samples[^1].Value, warm, last, rise, slope, projected, tolerance, passed, detail);
    }

    private static double Slope(IReadOnlyList<(double Seconds, double Value)> points)
    {
        var meanX = points.Average(p => p.Seconds);
        var meanY = points.Average(p => p.Value);
        var covariance = points.Sum(p => (p.Seconds - meanX) * (p.Value - meanY));
        var spread = points.Sum(p => (p.Seconds - meanX) * (p.Seconds - meanX));
        return spread == 0 ? 0 : covariance / spread;
    }
}
