using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Turns <c>--query-gpu</c> CSV into <see cref="GpuStatus"/> values. With <c>-l N</c> the block repeats; the last
/// line of each GPU wins, so the result has one entry per GPU in index order. The text is read in place: of a header
/// that can name two hundred fields only the dozen a status needs are looked up, and of each line only their values
/// are cut out (FORMATS.md §8 describes the layout, <see cref="NvidiaCsvTable"/> the same rules for whole tables).
/// </summary>
internal static class NvidiaCsvParser
{
    /// <summary>The fields the fallback query asks for; every driver since 418 lists them.</summary>
    public const string QueryFields =
        "index,name,uuid,pci.bus_id,driver_version,temperature.gpu,utilization.gpu,utilization.memory,memory.total,memory.used,"
        + "power.draw,fan.speed";

    // Lines of up to this many fields are cut up on the stack.
    private const int StackFields = 256;

    /// <summary>Parses the output; throws <see cref="FormatException"/> when it is not a query-gpu table.</summary>
    public static IReadOnlyList<GpuStatus> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        var header = ReadOnlySpan<char>.Empty;
        while (header.IsWhiteSpace() && NextLine(ref rest, out header))
        {
        }

        if (header.IsWhiteSpace())
        {
            throw new FormatException("The CSV output is empty; a header line was expected.");
        }

        var columns = new NvidiaCsvColumns(header);
        var latest = new List<(string? Key, GpuStatus Gpu)>();
        Span<Range> stackFields = stackalloc Range[StackFields];
        var fields = columns.Count <= StackFields ? stackFields[..columns.Count] : new Range[columns.Count];
        while (NextLine(ref rest, out var line))
        {
            if (line.IsWhiteSpace())
            {
                continue;
            }

            var count = NvidiaCsvTable.SplitFields(line, fields);
            if (count != columns.Count)
            {
                throw new FormatException($"A CSV line has {count} fields where the header has {columns.Count}.");
            }

            Keep(latest, new Row(columns, line, fields));
        }

        if (!columns.Has(NvidiaCsvField.Name) && !columns.Has(NvidiaCsvField.Index))
        {
            throw new FormatException("The CSV output has neither an 'index' nor a 'name' column.");
        }

        var gpus = new GpuStatus[latest.Count];
        for (var i = 0; i < gpus.Length; i++)
        {
            gpus[i] = latest[i].Gpu;
        }

        return gpus;
    }

    // A line ends at '\n'; carriage returns before it are dropped, as nvidia-smi on Windows writes them.
    private static bool NextLine(scoped ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> line)
    {
        if (rest.IsEmpty)
        {
            line = [];
            return false;
        }

        var end = rest.IndexOf('\n');
        line = (end < 0 ? rest : rest[..end]).TrimEnd('\r');
        rest = end < 0 ? [] : rest[(end + 1)..];
        return true;
    }

    // The GPU's key is its index, else its bus id; a later line of the same GPU replaces the earlier one.
    private static void Keep(List<(string? Key, GpuStatus Gpu)> latest, Row row)
    {
        var keyField = row.Columns.Has(NvidiaCsvField.Index) ? NvidiaCsvField.Index : NvidiaCsvField.PciBusId;
        var gpu = row.ToStatus();
        if (!row.Columns.Has(keyField))
        {
            latest.Add((null, gpu));
            return;
        }

        var key = row.Value(keyField);
        for (var i = 0; i < latest.Count; i++)
        {
            if (key.SequenceEqual(latest[i].Key))
            {
                latest[i] = (latest[i].Key, gpu);
                return;
            }
        }

        latest.Add((key.ToString(), gpu));
    }

    // One data line, cut at its separators; values are read in place.
    private readonly ref struct Row(NvidiaCsvColumns columns, ReadOnlySpan<char> line, ReadOnlySpan<Range> fields)
    {
        private readonly ReadOnlySpan<char> _line = line;
        private readonly ReadOnlySpan<Range> _fields = fields;

        public NvidiaCsvColumns Columns { get; } = columns;

        public ReadOnlySpan<char> Value(NvidiaCsvField field) => Columns.Value(field, _line, _fields);

        public GpuStatus ToStatus() => new()
        {
            Vendor = "nvidia",
            Available = true,
            Name = NvidiaValueParser.Text(Value(NvidiaCsvField.Name)),
            Uuid = NvidiaValueParser.Text(Value(NvidiaCsvField.Uuid)),
            PciId = NvidiaValueParser.Text(Value(NvidiaCsvField.PciBusId)),
            DriverVersion = NvidiaValueParser.Text(Value(NvidiaCsvField.DriverVersion)),
            TemperatureCelsius = Number(NvidiaCsvField.TemperatureGpu),
            UtilizationGpuPercent = Number(NvidiaCsvField.UtilizationGpu),
            UtilizationMemoryPercent = Number(NvidiaCsvField.UtilizationMemory),
            MemoryTotalBytes = Bytes(NvidiaCsvField.MemoryTotal),
            MemoryUsedBytes = Bytes(NvidiaCsvField.MemoryUsed),
            PowerDrawWatts = PowerDraw(),
            FanSpeedPercent = Number(NvidiaCsvField.FanSpeed),
        };

        private double Number(NvidiaCsvField field) => NvidiaValueParser.Number(Value(field)) ?? 0;

        private long Bytes(NvidiaCsvField field) => NvidiaValueParser.Bytes(Value(field), Columns.Unit(field)) ?? 0;

        // power.draw, then the instant and average readings that replace it on newer drivers.
        private double PowerDraw() =>
            NvidiaValueParser.Number(Value(NvidiaCsvField.PowerDraw))
            ?? NvidiaValueParser.Number(Value(NvidiaCsvField.PowerDrawInstant))
            ?? NvidiaValueParser.Number(Value(NvidiaCsvField.PowerDrawAverage))
            ?? 0;
    }
}
