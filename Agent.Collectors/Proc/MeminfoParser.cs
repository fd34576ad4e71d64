namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/proc/meminfo</c> (<c>Key:   12345 kB</c>, see the kernel's <c>Documentation/filesystems/proc.rst</c>).
/// Keys that are missing count as 0, and lines without a unit (<c>HugePages_Total</c>) are counts, not kB.
/// </summary>
internal static class MeminfoParser
{
    private const long KibiByte = 1024;

    public static MemoryInfo Parse(ReadOnlySpan<char> text)
    {
        long total = 0, free = 0, buffers = 0, cached = 0, swapTotal = 0, swapFree = 0;
        long? available = null;
        foreach (var line in text.EnumerateLines())
        {
            // The key is matched before the number is parsed: only 7 of about 50 lines are wanted.
            if (!ProcText.TrySplitKeyValue(line, out var key, out var value) || Wanted(key) is not { } field
                || !TryParseAmount(value, out var bytes))
            {
                continue;
            }

            switch (field)
            {
                case Field.Total:
                    total = bytes;
                    break;
                case Field.Free:
                    free = bytes;
                    break;
                case Field.Available:
                    available = bytes;
                    break;
                case Field.Buffers:
                    buffers = bytes;
                    break;
                case Field.Cached:
                    cached = bytes;
                    break;
                case Field.SwapTotal:
                    swapTotal = bytes;
                    break;
                case Field.SwapFree:
                    swapFree = bytes;
                    break;
            }
        }

        return new MemoryInfo(total, free, available, buffers, cached, swapTotal, swapFree);
    }

    private static Field? Wanted(ReadOnlySpan<char> key) => key switch
    {
        "MemTotal" => Field.Total,
        "MemFree" => Field.Free,
        "MemAvailable" => Field.Available,
        "Buffers" => Field.Buffers,
        "Cached" => Field.Cached,
        "SwapTotal" => Field.SwapTotal,
        "SwapFree" => Field.SwapFree,
        _ => null,
    };

    private static bool TryParseAmount(ReadOnlySpan<char> value, out long bytes)
    {
        var rest = value;
        var number = ProcText.NextField(ref rest);
        var unit = ProcText.NextField(ref rest);
        if (!ProcText.TryParseLong(number, out bytes) || bytes < 0)
        {
            return false;
        }

        if (unit.Equals("kB", StringComparison.Ordinal))
        {
            bytes = bytes > long.MaxValue / KibiByte ? long.MaxValue : bytes * KibiByte;
        }

        return true;
    }

    private enum Field
    {
        Total,
        Free,
        Available,
        Buffers,
        Cached,
        SwapTotal,
        SwapFree,
    }
}
