namespace Agent.Contracts.Dtos.Sources;

/// <summary>Wire names of the health states of a data source.</summary>
public static class SourceHealthState
{
    /// <summary>The source answered with valid data.</summary>
    public const string Healthy = "healthy";

    /// <summary>The source answered, but part of it failed.</summary>
    public const string Degraded = "degraded";

    /// <summary>The source is absent or does not answer.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The collector is switched off by configuration (interval 0).</summary>
    public const string Disabled = "disabled";
}
