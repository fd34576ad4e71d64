namespace Agent.Contracts.Dtos.Ups;

/// <summary>The <c>ups_status_update</c> payload: one UPS as its daemon reports it.</summary>
public sealed record UpsStatus
{
    /// <summary>Whether the daemon answered and reports a UPS.</summary>
    public bool Connected { get; init; }

    /// <summary>The daemon's raw status words, e.g. <c>ONLINE</c>, <c>ONBATT LOWBATT</c>, <c>OL CHRG</c>; <c>unknown</c> when absent.</summary>
    public string Status { get; init; } = "unknown";

    /// <summary>Load, in percent of the nominal power.</summary>
    public double LoadPercent { get; init; }

    /// <summary>Battery charge, in percent.</summary>
    public double BatteryChargePercent { get; init; }

    /// <summary>Estimated runtime on battery, in seconds.</summary>
    public long RuntimeLeftSeconds { get; init; }

    /// <summary>Output power in watts: measured, or nominal × load ÷ 100 when the UPS does not measure it.</summary>
    public double PowerWatts { get; init; }

    /// <summary>Nominal output power, in watts.</summary>
    public double NominalPowerWatts { get; init; }

    /// <summary>Input (line) voltage, in volts.</summary>
    public double InputVoltage { get; init; }

    /// <summary>Output voltage, in volts.</summary>
    public double OutputVoltage { get; init; }

    /// <summary>Battery voltage, in volts.</summary>
    public double BatteryVoltage { get; init; }

    /// <summary>UPS model.</summary>
    public string Model { get; init; } = "";

    /// <summary>The UPS name on its daemon.</summary>
    public string Name { get; init; } = "";

    /// <summary>The daemon that reported it: <c>apcupsd</c> or <c>nut</c>.</summary>
    public string Backend { get; init; } = "";

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
