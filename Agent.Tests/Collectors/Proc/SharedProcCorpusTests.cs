using Agent.Collectors.Proc;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Proc;

/// <summary>Every procfs file of the shared corpus through the parser for its kind (see its PROVENANCE.md).</summary>
public sealed class SharedProcCorpusTests
{
    public static TheoryData<string> MeminfoFiles => Corpus("meminfo");

    public static TheoryData<string> StatFiles => Corpus("stat");

    public static TheoryData<string> CpuinfoFiles => Corpus("cpuinfo");

    public static TheoryData<string> LoadavgFiles => Corpus("loadavg");

    public static TheoryData<string> UptimeFiles => Corpus("uptime");

    public static TheoryData<string> NetDevFiles => Corpus("dev");

    [SharedFixturesTheory]
    [MemberData(nameof(MeminfoFiles))]
    public void MeminfoParse_SharedFile_GivesPlausibleMemory(string relative)
    {
        var memory = MeminfoParser.Parse(Read(relative));

        Assert.InRange(memory.TotalBytes, 64L << 20, 64L << 40);
        Assert.InRange(memory.UsedBytes, 1, memory.TotalBytes);
        Assert.InRange(memory.SwapUsedBytes, 0, memory.SwapTotalBytes);
    }

    [SharedFixturesFact]
    public void MeminfoParse_OldKernelWithoutMemAvailable_FallsBackToFreeBuffersCached()
    {
        var memory = MeminfoParser.Parse(Read(Path.Combine("node_exporter", "meminfo")));

        Assert.Null(memory.AvailableBytes);
        Assert.Equal((3_742_148L - 225_472 - 22_040 - 930_888) * 1024, memory.UsedBytes);
    }

    [SharedFixturesTheory]
    [MemberData(nameof(StatFiles))]
    public void ProcStatParse_SharedFile_ReadsEveryCpuAndAPlausibleShare(string relative)
    {
        var sample = ProcStatParser.Parse(Read(relative));
        var usage = new CpuUsageCalculator().Update(sample);

        Assert.NotNull(sample.Aggregate);
        Assert.Equal(8, sample.Cores.Count);
        Assert.InRange(usage.TotalPercent, 0.01, 100);
        Assert.All(usage.PerCorePercent.Values, percent => Assert.InRange(percent, 0, 100));
    }

    [SharedFixturesTheory]
    [MemberData(nameof(CpuinfoFiles))]
    public void CpuinfoParse_SharedFile_ReadsModelAndTopology(string relative)
    {
        var cpu = CpuinfoParser.Parse(Read(relative));

        Assert.Equal("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz", cpu.Model);
        Assert.Equal(8, cpu.Threads);
        Assert.Equal(4, cpu.PhysicalCores);
        Assert.InRange(cpu.MeanMhz, 799, 801);
    }

    [SharedFixturesTheory]
    [MemberData(nameof(LoadavgFiles))]
    public void LoadavgTryParse_SharedFile_ReadsThreeAverages(string relative)
    {
        Assert.True(LoadavgParser.TryParse(Read(relative), out var load));
        Assert.Equal(new LoadAverages(0.21, 0.37, 0.39), load);
    }

    [SharedFixturesTheory]
    [MemberData(nameof(UptimeFiles))]
    public void UptimeTryParse_SharedFile_IgnoresTheLargerIdleSum(string relative)
    {
        Assert.True(UptimeParser.TryParse(Read(relative), out var uptime));
        Assert.Equal(16_072_645, (long)uptime.TotalSeconds);
    }

    [SharedFixturesTheory]
    [MemberData(nameof(NetDevFiles))]
    public void NetDevParse_SharedFile_ReadsLongAndShortNames(string relative)
    {
        var counters = NetDevParser.Parse(Read(relative));

        Assert.Equal(["docker0", "eth0", "lo", "vethf345468"], counters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(648UL, counters["vethf345468"].RxBytes);
        Assert.Equal(563_352_563UL, counters["eth0"].TxBytes);
    }

    private static string Read(string relative) => File.ReadAllText(TestPaths.Shared("proc", relative));

    // Files are matched by name so that a file added to the corpus later is run without a code change.
    private static TheoryData<string> Corpus(string fileNamePrefix)
    {
        var data = new TheoryData<string>();
        var root = TestPaths.Shared("proc");
        if (!Directory.Exists(root))
        {
            data.Add("(corpus absent)");
            return data;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith(fileNamePrefix, StringComparison.Ordinal))
            {
                data.Add(Path.GetRelativePath(root, path));
            }
        }

        return data;
    }
}
