namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/proc/uptime</c>: <c>16072645.20 192637915.46</c>, the seconds since boot and the idle seconds summed
/// over every CPU (which is why the second can exceed the first). Only the first is used.
/// </summary>
internal static class UptimeParser
{
    public static bool TryParse(ReadOnlySpan<char> text, out TimeSpan uptime)
    {
        var rest = text;
        if (ProcText.TryParseDouble(ProcText.NextField(ref rest), out var seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds)
        {
            uptime = TimeSpan.FromSeconds(seconds);
            return true;
        }

        uptime = default;
        return false;
    }
}
