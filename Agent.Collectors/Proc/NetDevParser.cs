namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/proc/net/dev</c>: two header lines, then <c>iface: rx_bytes rx_packets rx_errs rx_drop rx_fifo
/// rx_frame rx_compressed rx_multicast tx_bytes tx_packets tx_errs …</c>. Names are right-aligned to six
/// characters and a long name leaves no space after the colon (<c>vethf345468:     648</c>), so each line is split
/// on its first colon, then on whitespace.
/// </summary>
internal static class NetDevParser
{
    private const int Columns = 11;

    public static Dictionary<string, NetDevCounters> Parse(ReadOnlySpan<char> text)
    {
        var result = new Dictionary<string, NetDevCounters>(StringComparer.Ordinal);
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name.IsEmpty || !TryParseCounters(line[(colon + 1)..], out var counters))
            {
                continue;
            }

            result[name.ToString()] = counters;
        }

        return result;
    }

    private static bool TryParseCounters(ReadOnlySpan<char> rest, out NetDevCounters counters)
    {
        Span<ulong> values = stackalloc ulong[Columns];
        for (var i = 0; i < Columns; i++)
        {
            if (!ProcText.TryParseCounter(ProcText.NextField(ref rest), out values[i]))
            {
                counters = default;
                return false;
            }
        }

        counters = new NetDevCounters(values[0], values[1], values[2], values[8], values[9], values[10]);
        return true;
    }
}
