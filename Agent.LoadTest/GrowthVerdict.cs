namespace Agent.LoadTest;

/// <summary>What the growth rule found for one figure of a soak run.</summary>
internal sealed record GrowthVerdict(
    string Metric,
    double First,
    double Last,
    double WarmMean,
    double LastQuarterMean,
    double Rise,
    double SlopePerSecond,
    double ProjectedRise,
    double Tolerance,
    bool Passed,
    string Detail);
