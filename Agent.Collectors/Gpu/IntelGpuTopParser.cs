using System.Text.Json;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Reads the stream that <c>intel_gpu_top -J</c> prints until it is killed: objects separated by <c>,</c>, with or
/// without an opening <c>[</c>, never a closing <c>]</c> when stopped, and possibly a last object cut in half
/// (FORMATS.md §9). Each complete top-level <c>{…}</c> is parsed on its own.
/// </summary>
internal static class IntelGpuTopParser
{
    /// <summary>Parses every complete object; objects that are not valid JSON are counted, not thrown.</summary>
    public static IntelGpuTopReport Parse(string stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var samples = new List<IntelGpuTopSample>();
        var skipped = 0;
        foreach (var json in SplitObjects(stream))
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                samples.Add(ReadSample(document.RootElement));
            }
            catch (JsonException)
            {
                skipped++;
            }
        }

        return new IntelGpuTopReport(samples, skipped);
    }

    private static IEnumerable<string> SplitObjects(string stream)
    {
        var depth = 0;
        var start = -1;
        var inString = false;
        var escaped = false;
        for (var i = 0; i < stream.Length; i++)
        {
            var c = stream[i];
            if (inString)
            {
                inString = escaped || c != '"';
                escaped = !escaped && c == '\\';
                continue;
            }

            switch (c)
            {
                case '"' when depth > 0:
                    inString = true;
                    break;
                case '{':
                    start = depth++ == 0 ? i : start;
                    break;
                case '}' when depth > 0:
                    if (--depth == 0)
                    {
                        yield return stream[start..(i + 1)];
                    }

                    break;
            }
        }
    }

    private static IntelGpuTopSample ReadSample(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A sample is not an object.");
        }

        var engines = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.TryGetProperty("engines", out var list) && list.ValueKind == JsonValueKind.Object)
        {
            foreach (var engine in list.EnumerateObject())
            {
                if (Number(engine.Value, "busy") is { } busy)
                {
                    engines[engine.Name] = busy;
                }
            }
        }

        var power = root.TryGetProperty("power", out var p) ? Number(p, "GPU") : null;
        var frequency = root.TryGetProperty("frequency", out var f) ? Number(f, "actual") : null;
        return new IntelGpuTopSample(engines, power, frequency);
    }

    // Client busy values are quoted strings in some builds, so both forms are read.
    private static double? Number(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
            JsonValueKind.String => NvidiaValueParser.Number(value.GetString()),
            _ => null,
        };
    }
}
