using System.Text.Json.Serialization;

namespace Agent.Contracts.Dtos.Containers;

/// <summary>Answer to a container action (start, stop, restart, pause, unpause) from REST or the hub.</summary>
public sealed record ContainerActionResult
{
    /// <summary>Whether the container is in the wanted state after the action.</summary>
    public bool Success { get; init; }

    /// <summary>What was done, on success; omitted on failure.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>Why the action failed, on failure; omitted on success.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>When the answer was made.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
