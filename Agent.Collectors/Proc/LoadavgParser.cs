namespace Agent.Collectors.Proc;

/// <summary>Parses <c>/proc/loadavg</c>: <c>0.21 0.37 0.39 1/719 19737</c> (three averages, tasks, last PID).</summary>
internal static class LoadavgParser
{
    public static bool TryParse(ReadOnlySpan<char> text, out LoadAverages averages)
    {
        var rest = text;
        if (ProcText.TryParseDouble(ProcText.NextField(ref rest), out var one)
            && ProcText.TryParseDouble(ProcText.NextField(ref rest), out var five)
            && ProcText.TryParseDouble(ProcText.NextField(ref rest), out var fifteen))
        {
            averages = new LoadAverages(one, five, fifteen);
            return true;
        }

        averages = default;
        return false;
    }
}
