namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/proc/cpuinfo</c>: blocks separated by a blank line, each line <c>key\t: value</c>. Real kernels use
/// tabs before the colon and some corpora use spaces, so lines are split on the first colon and trimmed. Keys
/// differ on ARM (<c>Processor</c>, <c>Hardware</c>, no <c>model name</c>, no <c>cpu MHz</c>).
/// </summary>
internal static class CpuinfoParser
{
    public static CpuInfo Parse(ReadOnlySpan<char> text)
    {
        var threads = 0;
        var mhzSum = 0.0;
        var mhzCount = 0;
        string? model = null;
        string? armModel = null;
        var cores = new HashSet<long>();
        long physicalId = -1, coreId = -1;
        foreach (var line in text.EnumerateLines())
        {
            if (line.IsWhiteSpace())
            {
                AddCore(cores, ref physicalId, ref coreId);
                continue;
            }

            if (!ProcText.TrySplitKeyValue(line, out var key, out var value))
            {
                continue;
            }

            switch (key)
            {
                case "processor":
                    AddCore(cores, ref physicalId, ref coreId);
                    threads += ProcText.TryParseLong(value, out _) ? 1 : 0;
                    break;
                case "model name":
                    model ??= value.ToString();
                    break;
                case "Hardware" or "Processor" or "cpu model":
                    armModel ??= value.ToString();
                    break;
                case "cpu MHz" when ProcText.TryParseDouble(value, out var mhz):
                    mhzSum += mhz;
                    mhzCount++;
                    break;
                case "physical id" when ProcText.TryParseLong(value, out var id):
                    physicalId = id;
                    break;
                case "core id" when ProcText.TryParseLong(value, out var id):
                    coreId = id;
                    break;
            }
        }

        AddCore(cores, ref physicalId, ref coreId);
        var physical = cores.Count > 0 ? cores.Count : threads;
        return new CpuInfo(model ?? armModel ?? "", threads, physical, mhzCount > 0 ? mhzSum / mhzCount : 0);
    }

    // A block's topology is known only at its end, because the kernel prints "physical id" before "core id".
    private static void AddCore(HashSet<long> cores, ref long physicalId, ref long coreId)
    {
        if (coreId >= 0)
        {
            cores.Add((Math.Max(physicalId, 0) << 32) | coreId);
        }

        physicalId = -1;
        coreId = -1;
    }
}
