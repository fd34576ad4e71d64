namespace Agent.Contracts.Dtos.System;

/// <summary>One fan speed reading from hwmon.</summary>
public sealed record FanReading
{
    /// <summary>The fan's label, or its chip and input name when it has none.</summary>
    public string Name { get; init; } = "";

    /// <summary>Speed in revolutions per minute.</summary>
    public long Rpm { get; init; }
}
