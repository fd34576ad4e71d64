using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Parses <c>nvidia-smi -q -x</c> (DTD versions v10 to v13) into one <see cref="GpuStatus"/> per <c>&lt;gpu&gt;</c>.
/// Only direct children are read, because MIG devices repeat <c>fb_memory_usage</c> deeper in the tree; of each
/// element the first one counts. The report is read in one forward pass (<see cref="NvidiaXmlScanner"/>) that checks
/// all of it but decodes only the dozen values a status needs: a 90 KB dual-GPU report would otherwise be a tree of
/// several thousand nodes built once a minute to read those.
/// </summary>
internal static class NvidiaXmlParser
{
    /// <summary>Parses a report; throws <see cref="FormatException"/> when it is not one.</summary>
    public static IReadOnlyList<GpuStatus> Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var scanner = new NvidiaXmlScanner(xml);
        scanner.ReadRoot();

        // A document that is not a report is still read to its end, so that malformed XML is reported as such first.
        if (!scanner.LocalName.SequenceEqual("nvidia_smi_log"))
        {
            scanner.Skip();
            scanner.ReadEnd();
            throw new FormatException("The output is not an nvidia_smi_log report.");
        }

        string? reportDriver = null;
        var gpus = new List<GpuFields>(2);
        while (scanner.ReadChild())
        {
            if (scanner.IsNamespaced)
            {
                scanner.Skip();
            }
            else if (scanner.LocalName.SequenceEqual("gpu"))
            {
                gpus.Add(ReadGpu(ref scanner));
            }
            else if (reportDriver is null && scanner.LocalName.SequenceEqual("driver_version"))
            {
                reportDriver = NvidiaValueParser.Text(scanner.ReadValue());
            }
            else
            {
                scanner.Skip();
            }
        }

        scanner.ReadEnd();
        var statuses = new GpuStatus[gpus.Count];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = gpus[i].ToStatus(reportDriver ?? "");
        }

        return statuses;
    }

    private static GpuFields ReadGpu(ref NvidiaXmlScanner scanner)
    {
        var gpu = new GpuFields { Id = scanner.Attribute("id") };
        while (scanner.ReadChild())
        {
            var child = scanner.IsNamespaced ? GpuChild.Other : Classify(scanner.LocalName);
            if (child is GpuChild.Other || !gpu.Seen.Add(child))
            {
                scanner.Skip();
                continue;
            }

            switch (child)
            {
                case GpuChild.ProductName:
                    gpu.Name = NvidiaValueParser.Text(scanner.ReadValue());
                    break;
                case GpuChild.Uuid:
                    gpu.Uuid = NvidiaValueParser.Text(scanner.ReadValue());
                    break;
                case GpuChild.DriverVersion:
                    gpu.Driver = NvidiaValueParser.Text(scanner.ReadValue());
                    break;
                case GpuChild.FanSpeed:
                    gpu.FanSpeed = NvidiaValueParser.Number(scanner.ReadValue());
                    break;
                default:
                    ReadContainer(ref scanner, child, ref gpu);
                    break;
            }
        }

        return gpu;
    }

    // The containers of the values under <gpu>; of each named child only the first counts, as for the gpu's own.
    private static void ReadContainer(ref NvidiaXmlScanner scanner, GpuChild container, ref GpuFields gpu)
    {
        var seen = new ChildSet();
        while (scanner.ReadChild())
        {
            var child = scanner.IsNamespaced ? ValueChild.Other : Classify(container, scanner.LocalName);
            if (child is ValueChild.Other || !seen.Add(child))
            {
                scanner.Skip();
                continue;
            }

            var value = scanner.ReadValue();
            switch (child)
            {
                case ValueChild.PciBusId:
                    gpu.PciBusId = NvidiaValueParser.Text(value);
                    break;
                case ValueChild.GpuTemp:
                    gpu.Temperature = NvidiaValueParser.Number(value);
                    break;
                case ValueChild.GpuUtil:
                    gpu.GpuUtilization = NvidiaValueParser.Number(value);
                    break;
                case ValueChild.MemoryUtil:
                    gpu.MemoryUtilization = NvidiaValueParser.Number(value);
                    break;
                case ValueChild.Total:
                    gpu.MemoryTotal = NvidiaValueParser.Bytes(value);
                    break;
                case ValueChild.Used:
                    gpu.MemoryUsed = NvidiaValueParser.Bytes(value);
                    break;
                default:
                    gpu.SetPower(container, child, NvidiaValueParser.Number(value));
                    break;
            }
        }
    }

    private static GpuChild Classify(ReadOnlySpan<char> name) => name switch
    {
        "product_name" => GpuChild.ProductName,
        "uuid" => GpuChild.Uuid,
        "driver_version" => GpuChild.DriverVersion,
        "fan_speed" => GpuChild.FanSpeed,
        "pci" => GpuChild.Pci,
        "temperature" => GpuChild.Temperature,
        "utilization" => GpuChild.Utilization,
        "fb_memory_usage" => GpuChild.FbMemoryUsage,
        "gpu_power_readings" => GpuChild.GpuPowerReadings,
        "power_readings" => GpuChild.PowerReadings,
        _ => GpuChild.Other,
    };

    private static ValueChild Classify(GpuChild container, ReadOnlySpan<char> name) => container switch
    {
        GpuChild.Pci => name is "pci_bus_id" ? ValueChild.PciBusId : ValueChild.Other,
        GpuChild.Temperature => name is "gpu_temp" ? ValueChild.GpuTemp : ValueChild.Other,
        GpuChild.Utilization => name switch
        {
            "gpu_util" => ValueChild.GpuUtil,
            "memory_util" => ValueChild.MemoryUtil,
            _ => ValueChild.Other,
        },
        GpuChild.FbMemoryUsage => name switch
        {
            "total" => ValueChild.Total,
            "used" => ValueChild.Used,
            _ => ValueChild.Other,
        },
        _ => name switch
        {
            "power_draw" => ValueChild.PowerDraw,
            "instant_power_draw" => ValueChild.InstantPowerDraw,
            "average_power_draw" => ValueChild.AveragePowerDraw,
            _ => ValueChild.Other,
        },
    };

    private enum GpuChild
    {
        Other,
        ProductName,
        Uuid,
        DriverVersion,
        FanSpeed,
        Pci,
        Temperature,
        Utilization,
        FbMemoryUsage,

        // In the order the power draw is looked for: v12 and later, then v10 and v11 (FORMATS.md §8).
        GpuPowerReadings,
        PowerReadings,
    }

    private enum ValueChild
    {
        Other,
        PciBusId,
        GpuTemp,
        GpuUtil,
        MemoryUtil,
        Total,
        Used,

        // In the order the power draw is looked for: v13 dropped power_draw for the instant and average readings.
        PowerDraw,
        InstantPowerDraw,
        AveragePowerDraw,
    }

    // Which children were met already, so that only the first of each name is read.
    private struct ChildSet
    {
        private uint _bits;

        public bool Add(GpuChild child) => Add((int)child);

        public bool Add(ValueChild child) => Add((int)child);

        private bool Add(int bit)
        {
            var mask = 1u << bit;
            var added = (_bits & mask) == 0;
            _bits |= mask;
            return added;
        }
    }

    private struct GpuFields
    {
        private const int PowerElements = 3;

        private int _powerRank;

        public GpuFields()
        {
            _powerRank = int.MaxValue;
        }

        public ChildSet Seen;
        public string? Id;
        public string? Name;
        public string? Uuid;
        public string? Driver;
        public string? PciBusId;
        public double? Temperature;
        public double? GpuUtilization;
        public double? MemoryUtilization;
        public long? MemoryTotal;
        public long? MemoryUsed;
        public double? FanSpeed;
        public double? Power;

        // The first reading in the order of containers, then of elements, that holds a number, wherever it stands.
        public void SetPower(GpuChild container, ValueChild element, double? watts)
        {
            var rank = ((container - GpuChild.GpuPowerReadings) * PowerElements) + (element - ValueChild.PowerDraw);
            if (watts is not null && rank < _powerRank)
            {
                Power = watts;
                _powerRank = rank;
            }
        }

        public readonly GpuStatus ToStatus(string reportDriver) => new()
        {
            Vendor = "nvidia",
            Available = true,
            Name = Name ?? "",
            Uuid = Uuid ?? "",
            PciId = PciBusId is { Length: > 0 } ? PciBusId : NvidiaValueParser.Text(Id),
            DriverVersion = Driver is { Length: > 0 } ? Driver : reportDriver,
            TemperatureCelsius = Temperature ?? 0,
            UtilizationGpuPercent = GpuUtilization ?? 0,
            UtilizationMemoryPercent = MemoryUtilization ?? 0,
            MemoryTotalBytes = MemoryTotal ?? 0,
            MemoryUsedBytes = MemoryUsed ?? 0,
            PowerDrawWatts = Power ?? 0,
            FanSpeedPercent = FanSpeed ?? 0,
        };
    }
}
