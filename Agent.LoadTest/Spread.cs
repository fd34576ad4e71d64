namespace Agent.LoadTest;

/// <summary>Minimum, median, maximum, mean and population variance of a set of numbers.</summary>
internal sealed record Spread(double Min, double Median, double Max, double Mean, double Variance)
{
    public static readonly Spread Empty = new(0, 0, 0, 0, 0);

    /// <summary>Standard deviation as a percentage of the mean; 0 when the mean is 0.</summary>
    public double CoefficientOfVariationPercent => Mean == 0 ? 0 : Math.Sqrt(Variance) / Mean * 100;

    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return Empty;
        }

        var mean = sorted.Average();
        var variance = sorted.Sum(v => (v - mean) * (v - mean)) / sorted.Length;
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(sorted[0], median, sorted[^1], mean, variance);
    }
}
