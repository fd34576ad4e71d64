namespace Agent.Collectors.Proc;

/// <summary>
/// Parses the <c>cpu</c> lines of <c>/proc/stat</c> (<c>cpu  u n s i iow irq sirq steal guest guest_nice</c>, then one
/// <c>cpuN</c> line per online CPU; see <c>Documentation/filesystems/proc.rst</c>). Older kernels print fewer
/// columns; the missing ones count as 0. Parsing stops at the first line after the cpu block, so the long
/// <c>intr</c> line is never scanned.
/// </summary>
internal static class ProcStatParser
{
    public static ProcStatSample Parse(ReadOnlySpan<char> text)
    {
        CpuTimes? aggregate = null;
        var cores = new List<CpuTimes>();
        var seenCpu = false;
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
            {
                if (seenCpu)
                {
                    break;
                }

                continue;
            }

            seenCpu = true;
            if (!TryParseLine(line, out var times))
            {
                continue;
            }

            if (times.Id < 0)
            {
                aggregate = times;
            }
            else
            {
                cores.Add(times);
            }
        }

        return new ProcStatSample(aggregate, cores);
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, out CpuTimes times)
    {
        var rest = line;
        var label = ProcText.NextField(ref rest);
        var id = -1;
        if (label.Length > 3 && !int.TryParse(label[3..], out id))
        {
            times = default;
            return false;
        }

        Span<ulong> columns = stackalloc ulong[8];
        for (var i = 0; i < columns.Length; i++)
        {
            var field = ProcText.NextField(ref rest);
            if (field.IsEmpty)
            {
                break;
            }

            if (!ProcText.TryParseCounter(field, out columns[i]))
            {
                times = default;
                return false;
            }
        }

        times = new CpuTimes(id, columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], columns[7]);
        return true;
    }
}
