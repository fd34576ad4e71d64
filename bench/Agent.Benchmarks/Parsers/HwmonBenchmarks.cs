using Agent.Collectors.Sysfs;
using BenchmarkDotNet.Attributes;

namespace Agent.Benchmarks.Parsers;

/// <summary>
/// hwmon on a Ryzen board with an NCT6798 (Agent.Tests/Fixtures/Sysfs/ryzen-nct6798): the interpretation of the
/// readings (the parser), and, for scale, the whole read of the sysfs files, which is file I/O.
/// </summary>
// BenchmarkDotNet needs public, unsealed benchmark classes.
public class HwmonBenchmarks
{
    private HwmonReader _reader = null!;
    private IReadOnlyList<HwmonReading> _readings = [];

    [GlobalSetup]
    public void Setup()
    {
        _reader = new HwmonReader(FixtureFiles.Owned("Sysfs", "ryzen-nct6798"));
        _readings = _reader.ReadAsync(CancellationToken.None).GetAwaiter().GetResult().Readings;
    }

    [Benchmark(Description = "hwmon")]
    public object Interpret() => HwmonInterpreter.Interpret(_readings);

    [Benchmark(Description = "hwmon read (sysfs files, I/O)")]
    public async Task<object> ReadFiles() => await _reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
}
