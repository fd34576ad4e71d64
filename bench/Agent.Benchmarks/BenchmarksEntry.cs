using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Agent.Benchmarks;

/// <summary>
/// BenchmarkDotNet over every parser, in process (no per-benchmark project build, which would take minutes on this
/// machine). Arguments: <c>--artifacts FOLDER [--quick]</c>; the quick job is for the harness's short version.
/// </summary>
internal static class BenchmarksEntry
{
    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var index = Array.IndexOf(args, "--artifacts");
        var artifacts = index >= 0 && index + 1 < args.Length ? args[index + 1] : "BenchmarkDotNet.Artifacts";

        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(quick ? 1 : 2)
            .WithIterationCount(quick ? 3 : 6)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 20 : 200));
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarksEntry).Assembly).RunAll(config);
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }
}
