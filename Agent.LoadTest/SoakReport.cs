using Agent.Contracts.Dtos.Connections;

namespace Agent.LoadTest;

/// <summary>Everything one soak run measured.</summary>
internal sealed record SoakReport
{
    public required string Url { get; init; }

    public required string Transport { get; init; }

    public required int Clients { get; init; }

    public required double DurationSeconds { get; init; }

    public required double HoldSeconds { get; init; }

    /// <summary>Where the process figures came from: <c>/proc/&lt;pid&gt;</c> or <c>/metrics</c>.</summary>
    public required string SampleSource { get; init; }

    /// <summary>Connect attempts over all clients.</summary>
    public required long Cycles { get; init; }

    public required long Accepted { get; init; }

    public required long RefusedByCap { get; init; }

    /// <summary>Connects that failed for another reason than the cap.</summary>
    public required long Failed { get; init; }

    public required long UnexpectedDisconnects { get; init; }

    public required long EventsTotal { get; init; }

    public required IReadOnlyList<string> FailureSamples { get; init; }

    public required IReadOnlyList<ProcessSample> Samples { get; init; }

    public required IReadOnlyList<GrowthVerdict> Growth { get; init; }

    public required ConnectionFigures AgentBefore { get; init; }

    public required ConnectionFigures AgentAfter { get; init; }

    public required IReadOnlyList<Check> Checks { get; init; }

    public bool Passed => Checks.All(c => c.Passed);
}
