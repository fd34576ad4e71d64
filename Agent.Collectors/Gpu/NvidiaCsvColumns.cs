namespace Agent.Collectors.Gpu;

/// <summary>
/// Where the fields of <see cref="NvidiaCsvField"/> stand in a <c>--query-gpu</c> header, and their units. Field names
/// match without regard to case and the first of a repeated name counts, as in <see cref="NvidiaCsvTable"/>.
/// </summary>
internal sealed class NvidiaCsvColumns
{
    private static readonly string[] s_names =
    [
        "index", "name", "uuid", "pci.bus_id", "driver_version", "temperature.gpu", "utilization.gpu", "utilization.memory",
        "memory.total", "memory.used", "power.draw", "power.draw.instant", "power.draw.average", "fan.speed",
    ];

    // A header can name two hundred fields: each is compared only with the wanted names of its length.
    private static readonly int[][] s_byLength = ByLength();

    private readonly int[] _columns = new int[s_names.Length];
    private readonly string?[] _units = new string?[s_names.Length];

    public NvidiaCsvColumns(ReadOnlySpan<char> header)
    {
        Array.Fill(_columns, -1);
        var rest = header;
        var column = 0;
        while (true)
        {
            var separator = rest.IndexOf(NvidiaCsvTable.Separator);
            var field = (separator < 0 ? rest : rest[..separator]).Trim();
            var name = NvidiaCsvTable.FieldName(field);
            var candidates = name.Length < s_byLength.Length ? s_byLength[name.Length] : [];
            foreach (var i in candidates)
            {
                if (_columns[i] < 0 && name.Equals(s_names[i], StringComparison.OrdinalIgnoreCase))
                {
                    _columns[i] = column;
                    var unit = NvidiaCsvTable.FieldUnit(field);
                    _units[i] = unit.IsEmpty ? null : unit.ToString();
                    break;
                }
            }

            column++;
            if (separator < 0)
            {
                break;
            }

            rest = rest[(separator + NvidiaCsvTable.Separator.Length)..];
        }

        Count = column;
    }

    /// <summary>How many fields the header has.</summary>
    public int Count { get; }

    /// <summary>Whether the header has <paramref name="field"/>.</summary>
    public bool Has(NvidiaCsvField field) => _columns[(int)field] >= 0;

    /// <summary>The trimmed value of <paramref name="field"/> in a line cut at <paramref name="fields"/>; empty when absent.</summary>
    public ReadOnlySpan<char> Value(NvidiaCsvField field, ReadOnlySpan<char> line, ReadOnlySpan<Range> fields) =>
        _columns[(int)field] is var column and >= 0 ? line[fields[column]].Trim() : [];

    /// <summary>The unit in the header's brackets for <paramref name="field"/>, or null.</summary>
    public string? Unit(NvidiaCsvField field) => _units[(int)field];

    private static int[][] ByLength()
    {
        var byLength = new int[s_names.Max(n => n.Length) + 1][];
        for (var length = 0; length < byLength.Length; length++)
        {
            byLength[length] = [.. Enumerable.Range(0, s_names.Length).Where(i => s_names[i].Length == length)];
        }

        return byLength;
    }
}
