using Agent.Collectors.Proc;
using BenchmarkDotNet.Attributes;

namespace Agent.Benchmarks.Parsers;

/// <summary>The <c>/proc</c> parsers on the files captured from a 2-CPU EPYC VM (Agent.Tests/Fixtures/Proc/vm-epyc-2cpu).</summary>
// BenchmarkDotNet needs public, unsealed benchmark classes.
public class ProcParserBenchmarks
{
    private string _meminfo = "";
    private string _stat = "";
    private string _netDev = "";

    [GlobalSetup]
    public void Setup()
    {
        _meminfo = File.ReadAllText(FixtureFiles.Owned("Proc", "vm-epyc-2cpu", "meminfo"));
        _stat = File.ReadAllText(FixtureFiles.Owned("Proc", "vm-epyc-2cpu", "stat"));
        _netDev = File.ReadAllText(FixtureFiles.Owned("Proc", "vm-epyc-2cpu", "net", "dev"));
    }

    [Benchmark(Description = "meminfo")]
    public object Meminfo() => MeminfoParser.Parse(_meminfo);

    [Benchmark(Description = "stat")]
    public object Stat() => ProcStatParser.Parse(_stat);

    [Benchmark(Description = "net dev")]
    public object NetDev() => NetDevParser.Parse(_netDev);
}
