namespace Agent.Collectors.Gpu;

/// <summary>
/// The output of <c>nvidia-smi --query-gpu=… --format=csv</c> (or <c>--query-compute-apps</c>), with its header:
/// fields separated by comma plus space, a header that carries units in brackets (<c>memory.used [MiB]</c>).
/// See FORMATS.md §8.
/// </summary>
internal sealed class NvidiaCsvTable
{
    /// <summary>What separates two fields.</summary>
    public const string Separator = ", ";

    private readonly Dictionary<string, int> _columns;

    private NvidiaCsvTable(IReadOnlyList<string> fields, IReadOnlyList<string> units, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Fields = fields;
        Units = units;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fields.Count; i++)
        {
            _columns.TryAdd(fields[i], i);
        }
    }

    /// <summary>Field names without their unit, in column order.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The unit in each header field's brackets, or empty.</summary>
    public IReadOnlyList<string> Units { get; }

    /// <summary>The data lines, each with one value per field.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Parses the text; throws <see cref="FormatException"/> when a line does not match the header.</summary>
    public static NvidiaCsvTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new FormatException("The CSV output is empty; a header line was expected.");
        }

        var header = lines[0].Split(Separator).Select(h => h.Trim()).ToList();
        var fields = header.Select(h => FieldName(h).ToString()).ToList();
        var units = header.Select(h => FieldUnit(h).ToString()).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var line in lines.Skip(1))
        {
            var values = line.Split(Separator);
            if (values.Length != fields.Count)
            {
                throw new FormatException($"A CSV line has {values.Length} fields where the header has {fields.Count}.");
            }

            rows.Add([.. values.Select(v => v.Trim())]);
        }

        return new NvidiaCsvTable(fields, units, rows);
    }

    /// <summary>The value of <paramref name="field"/> in <paramref name="row"/>, or null when there is no such column.</summary>
    public string? Value(IReadOnlyList<string> row, string field) =>
        _columns.TryGetValue(field, out var i) ? row[i] : null;

    /// <summary>The unit of <paramref name="field"/> from the header, or null.</summary>
    public string? Unit(string field) =>
        _columns.TryGetValue(field, out var i) && Units[i].Length > 0 ? Units[i] : null;

    /// <summary>
    /// Cuts <paramref name="line"/> at every separator and gives the number of fields; the first of them go to
    /// <paramref name="fields"/>, as many as fit.
    /// </summary>
    public static int SplitFields(ReadOnlySpan<char> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var separator = line[start..].IndexOf(Separator);
            var end = separator < 0 ? line.Length : start + separator;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }

            count++;
            if (separator < 0)
            {
                return count;
            }

            start = end + Separator.Length;
        }
    }

    /// <summary>A trimmed header field without its unit: <c>memory.used</c> of <c>memory.used [MiB]</c>.</summary>
    public static ReadOnlySpan<char> FieldName(ReadOnlySpan<char> header)
    {
        var bracket = header.IndexOf(" [", StringComparison.Ordinal);
        return bracket < 0 ? header : header[..bracket];
    }

    /// <summary>The unit in a trimmed header field's brackets (<c>MiB</c>), or empty.</summary>
    public static ReadOnlySpan<char> FieldUnit(ReadOnlySpan<char> header)
    {
        var bracket = header.IndexOf(" [", StringComparison.Ordinal);
        return bracket < 0 || !header.EndsWith(']') ? [] : header[(bracket + 2)..^1];
    }
}
