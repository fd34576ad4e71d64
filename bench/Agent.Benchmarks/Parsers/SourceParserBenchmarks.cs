using System.Text.Json;
using Agent.Collectors.Docker;
using Agent.Collectors.Gpu;
using Agent.Collectors.UnraidIni;
using Agent.Collectors.Ups;
using BenchmarkDotNet.Attributes;
using Docker.DotNet.Models;

namespace Agent.Benchmarks.Parsers;

/// <summary>
/// The parsers of the emhttp, UPS, GPU and Docker sources on files of the shared corpus (see its PROVENANCE.md):
/// each call goes from the text a source gives to the contract's value, as the collectors do.
/// </summary>
// BenchmarkDotNet needs public, unsealed benchmark classes.
public class SourceParserBenchmarks
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private string _disksIni = "";
    private string _apcupsd = "";
    private string _nut = "";
    private string _nvidiaXml = "";
    private string _nvidiaCsv = "";
    private ContainerStatsResponse _stats = null!;

    [GlobalSetup]
    public void Setup()
    {
        _disksIni = File.ReadAllText(FixtureFiles.Shared("emhttp", "disks.ini.unraid-6.11-array-with-pool"));
        _apcupsd = File.ReadAllText(FixtureFiles.Shared("apcupsd", "back-ups-rs-1500ms2_apcupsd-3.14.14_online.status"));
        _nut = File.ReadAllText(FixtureFiles.Shared("nut", "APC__Smart-UPS_2200__usbhid-ups__2.7.4__01.dev"));
        _nvidiaXml = File.ReadAllText(FixtureFiles.Shared("nvidia", "xml", "dual-rtx-2070_590.44.01_v13.xml"));
        _nvidiaCsv = File.ReadAllText(FixtureFiles.Shared("nvidia", "csv", "rtx-2080-super_595.71.05_linux_load_query-gpu-all.csv"));
        _stats = JsonSerializer.Deserialize<ContainerStatsResponse>(
            File.ReadAllText(FixtureFiles.Shared("docker", "container-stats_cgroupv1_stream-frame-with-precpu_8cpu_2018.json")))!;
    }

    [Benchmark(Description = "emhttp ini")]
    public object EmhttpIni() => EmhttpIniParser.Parse(_disksIni);

    [Benchmark(Description = "apcupsd")]
    public object Apcupsd() => ApcupsdStatusParser.ToStatus(ApcupsdStatusParser.ParseText(_apcupsd), s_now);

    [Benchmark(Description = "NUT")]
    public object Nut() => NutStatusParser.ToStatus("ups", NutStatusParser.ParseDump(_nut), s_now);

    [Benchmark(Description = "nvidia-smi XML")]
    public object NvidiaXml() => NvidiaXmlParser.Parse(_nvidiaXml);

    [Benchmark(Description = "nvidia-smi CSV")]
    public object NvidiaCsv() => NvidiaCsvParser.Parse(_nvidiaCsv);

    [Benchmark(Description = "Docker stats mapping")]
    public object DockerStats() => ContainerStatsCalculator.Calculate(_stats, null, s_now);
}
