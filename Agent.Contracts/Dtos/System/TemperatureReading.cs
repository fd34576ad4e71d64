namespace Agent.Contracts.Dtos.System;

/// <summary>One temperature sensor reading from hwmon.</summary>
public sealed record TemperatureReading
{
    /// <summary>The sensor's label (<c>temp1_label</c>), or its chip and input name when it has none.</summary>
    public string Name { get; init; } = "";

    /// <summary>The reading in degrees Celsius.</summary>
    public double ValueCelsius { get; init; }

    /// <summary>What the sensor measures: <c>cpu</c>, <c>motherboard</c>, <c>chipset</c> or <c>other</c>.</summary>
    public string SensorType { get; init; } = "other";

    /// <summary>The hwmon chip that gave the reading (its <c>name</c> file, e.g. <c>coretemp</c>).</summary>
    public string Source { get; init; } = "";
}
