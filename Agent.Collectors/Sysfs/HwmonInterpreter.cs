using Agent.Contracts.Dtos.System;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// Turns raw hwmon readings into the snapshot's temperatures and fans: millidegrees become degrees, readings
/// outside −40…125 °C are dropped as sensor sentinels, labels are kept, each sensor gets a type, and the CPU and
/// motherboard temperatures are chosen from the labelled sensors.
/// </summary>
internal static class HwmonInterpreter
{
    private const double MinCelsius = -40;
    private const double MaxCelsius = 125;
    private const double MilliPerUnit = 1000;

    // Chips that measure only the processor (Documentation/hwmon/coretemp.rst, k10temp.rst; ARM SoC thermal zones).
    private static readonly string[] s_cpuChips = ["coretemp", "k10temp", "k8temp", "zenpower", "cpu_thermal", "cpu-thermal", "via_cputemp"];

    public static HwmonSummary Interpret(IReadOnlyList<HwmonReading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);

        var temperatures = new List<TemperatureReading>();
        var fans = new List<FanReading>();
        var dropped = 0;
        var cpu = new CpuChoice();
        double? board = null;
        foreach (var reading in readings)
        {
            var name = reading.Label ?? $"{reading.Chip} {reading.Input}";
            if (reading.Kind == HwmonKind.Fan)
            {
                dropped += AddFan(fans, name, reading.RawValue) ? 0 : 1;
                continue;
            }

            var celsius = reading.RawValue / MilliPerUnit;
            if (celsius is < MinCelsius or > MaxCelsius)
            {
                dropped++;
                continue;
            }

            var type = Classify(reading.Chip, reading.Label);
            temperatures.Add(new TemperatureReading { Name = name, ValueCelsius = celsius, SensorType = type, Source = reading.Chip });
            cpu.Offer(CpuRank(reading.Chip, reading.Label), celsius);
            if (type == SensorTypes.Motherboard)
            {
                board ??= celsius;
            }
        }

        return new HwmonSummary(temperatures, fans, cpu.Celsius, board ?? 0, dropped);
    }

    /// <summary>The <c>sensor_type</c> of a temperature: cpu, motherboard, chipset or other.</summary>
    internal static string Classify(string chip, string? label)
    {
        if (IsCpuChip(chip))
        {
            return SensorTypes.Cpu;
        }

        if (label is null)
        {
            return chip.StartsWith("pch_", StringComparison.OrdinalIgnoreCase) ? SensorTypes.Chipset : SensorTypes.Other;
        }

        if (Has(label, "pch") || Has(label, "chipset"))
        {
            return SensorTypes.Chipset;
        }

        if (Has(label, "cpu") || Has(label, "package id") || Has(label, "physical id") || label is "Tctl" or "Tdie")
        {
            return SensorTypes.Cpu;
        }

        return Has(label, "systin") || Has(label, "motherboard") || Has(label, "mainboard") || Has(label, "board")
            || Has(label, "system") || label.StartsWith("MB", StringComparison.OrdinalIgnoreCase)
            ? SensorTypes.Motherboard
            : SensorTypes.Other;
    }

    /// <summary>
    /// How well a reading stands for the whole CPU; lower is better, <see langword="null"/> when it does not. The
    /// package sensor of coretemp comes first, then k10temp's Tdie and Tctl (Tctl may carry a fan-control offset on
    /// some Ryzen parts), then a label naming the CPU (a Super-I/O chip's CPUTIN), then any reading of a CPU chip.
    /// </summary>
    internal static int? CpuRank(string chip, string? label)
    {
        var isPackage = label is not null
            && (label.StartsWith("Package id", StringComparison.Ordinal) || label.StartsWith("Physical id", StringComparison.Ordinal));
        if (isPackage)
        {
            return 0;
        }

        return label switch
        {
            "Tdie" => 1,
            "Tctl" => 2,
            not null when Has(label, "cpu") && !Has(label, "pch") => 3,
            _ => IsCpuChip(chip) ? 4 : null,
        };
    }

    private static bool AddFan(List<FanReading> fans, string name, long rpm)
    {
        // An unconnected header reads 0 on most Super-I/O chips; only fans that turn are reported (docs/compat.md).
        if (rpm <= 0)
        {
            return false;
        }

        fans.Add(new FanReading { Name = name, Rpm = rpm });
        return true;
    }

    private static bool IsCpuChip(string chip) => s_cpuChips.Contains(chip, StringComparer.OrdinalIgnoreCase);

    private static bool Has(string label, string part) => label.Contains(part, StringComparison.OrdinalIgnoreCase);

    // The best-ranked CPU readings so far; with several packages of the same rank the hottest one wins.
    private struct CpuChoice
    {
        private int _rank;
        private double _celsius;
        private bool _found;

        public readonly double Celsius => _found ? _celsius : 0;

        public void Offer(int? rank, double celsius)
        {
            if (rank is not { } offered || (_found && offered > _rank) || (_found && offered == _rank && celsius <= _celsius))
            {
                return;
            }

            _rank = offered;
            _celsius = celsius;
            _found = true;
        }
    }
}
