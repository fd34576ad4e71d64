using Agent.Contracts.Dtos.System;

namespace Agent.Collectors.Sysfs;

/// <summary>Temperatures and fans of the system snapshot, with the chosen CPU and motherboard temperatures.</summary>
/// <param name="CpuTempCelsius">The chosen CPU temperature; 0 when no CPU sensor was found.</param>
/// <param name="MotherboardTempCelsius">The chosen board temperature; 0 when no board sensor was found.</param>
/// <param name="DroppedReadings">Readings outside −40…125 °C (sensor sentinels) and fans that read no speed.</param>
internal sealed record HwmonSummary(
    IReadOnlyList<TemperatureReading> Temperatures,
    IReadOnlyList<FanReading> Fans,
    double CpuTempCelsius,
    double MotherboardTempCelsius,
    int DroppedReadings);
