namespace Agent.Contracts.Dtos.Sources;

/// <summary>The <c>source_status_changed</c> payload: a data source changed health.</summary>
public sealed record SourceStatus
{
    /// <summary>The group the source feeds: <c>system</c>, <c>array</c>, <c>ups</c>, <c>gpu</c>, <c>network</c> or <c>containers</c>.</summary>
    public string Subsystem { get; init; } = "";

    /// <summary>New health: <c>healthy</c>, <c>degraded</c>, <c>unavailable</c> or <c>disabled</c>.</summary>
    public string State { get; init; } = "unknown";

    /// <summary>Why the source is in this state; empty when healthy.</summary>
    public string Reason { get; init; } = "";

    /// <summary>When the source was last read.</summary>
    public DateTimeOffset LastChecked { get; init; }

    /// <summary>When the source was last healthy; omitted when it never was.</summary>
    public DateTimeOffset? LastHealthy { get; init; }
}
