using Agent.Contracts.Dtos.Gpu;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Turns <c>--query-gpu</c> CSV into <see cref="GpuStatus"/> values. With <c>-l N</c> the block repeats; the last
/// line of each GPU wins, so the result has one entry per GPU in index order.
/// </summary>
internal static class NvidiaCsvParser
{
    /// <summary>The fields the fallback query asks for; every driver since 418 lists them.</summary>
    public const string QueryFields =
        "index,name,uuid,pci.bus_id,driver_version,temperature.gpu,utilization.gpu,utilization.memory,memory.total,memory.used,"
        + "power.draw,fan.speed";

    private static readonly string[] s_powerFields = ["power.draw", "power.draw.instant", "power.draw.average"];

    /// <summary>Parses the output; throws <see cref="FormatException"/> when it is not a query-gpu table.</summary>
    public static IReadOnlyList<GpuStatus> Parse(string text)
    {
        var table = NvidiaCsvTable.Parse(text);
        if (!table.Fields.Contains("name", StringComparer.OrdinalIgnoreCase)
            && !table.Fields.Contains("index", StringComparer.OrdinalIgnoreCase))
        {
            throw new FormatException("The CSV output has neither an 'index' nor a 'name' column.");
        }

        var latest = new List<(string Key, GpuStatus Gpu)>();
        foreach (var row in table.Rows)
        {
            var key = table.Value(row, "index") ?? table.Value(row, "pci.bus_id") ?? latest.Count.ToString("D");
            var gpu = ParseRow(table, row);
            var at = latest.FindIndex(e => e.Key == key);
            if (at >= 0)
            {
                latest[at] = (key, gpu);
            }
            else
            {
                latest.Add((key, gpu));
            }
        }

        return [.. latest.Select(e => e.Gpu)];
    }

    private static GpuStatus ParseRow(NvidiaCsvTable table, IReadOnlyList<string> row) => new()
    {
        Vendor = "nvidia",
        Available = true,
        Name = NvidiaValueParser.Text(table.Value(row, "name")),
        Uuid = NvidiaValueParser.Text(table.Value(row, "uuid")),
        PciId = NvidiaValueParser.Text(table.Value(row, "pci.bus_id")),
        DriverVersion = NvidiaValueParser.Text(table.Value(row, "driver_version")),
        TemperatureCelsius = Number(table, row, "temperature.gpu"),
        UtilizationGpuPercent = Number(table, row, "utilization.gpu"),
        UtilizationMemoryPercent = Number(table, row, "utilization.memory"),
        MemoryTotalBytes = NvidiaValueParser.Bytes(table.Value(row, "memory.total"), table.Unit("memory.total")) ?? 0,
        MemoryUsedBytes = NvidiaValueParser.Bytes(table.Value(row, "memory.used"), table.Unit("memory.used")) ?? 0,
        PowerDrawWatts = s_powerFields.Select(f => NvidiaValueParser.Number(table.Value(row, f))).FirstOrDefault(w => w is not null) ?? 0,
        FanSpeedPercent = Number(table, row, "fan.speed"),
    };

    private static double Number(NvidiaCsvTable table, IReadOnlyList<string> row, string field) =>
        NvidiaValueParser.Number(table.Value(row, field)) ?? 0;
}
