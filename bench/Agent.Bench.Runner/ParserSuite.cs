using System.Text.Json.Nodes;

namespace Agent.Bench.Runner;

/// <summary>Runs the BenchmarkDotNet project (in process) and keeps time and allocations per call of every parser.</summary>
internal sealed class ParserSuite(RunnerOptions options, string workFolder)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    // Parsers that other sources will add; until their benchmark exists they are reported as missing.
    private static readonly string[] s_expected =
        ["meminfo", "stat", "net dev", "hwmon", "emhttp ini", "apcupsd", "NUT", "nvidia-smi XML", "nvidia-smi CSV", "Docker stats mapping"];

    public async Task<JsonObject> RunAsync()
    {
        Console.WriteLine("bench: parsers (BenchmarkDotNet)");
        var artifacts = Path.Combine(workFolder, "bdn");
        List<string> arguments = [options.Output("bench/Agent.Benchmarks", "Agent.Benchmarks"), "--artifacts", artifacts];
        if (options.IsShort)
        {
            arguments.Add("--quick");
        }

        await using (var run = ChildProcess.Start("dotnet", arguments, workingDirectory: workFolder))
        {
            var code = await run.WaitExitAsync(s_timeout).ConfigureAwait(false);
            if (code != 0)
            {
                return new JsonObject { ["error"] = $"BenchmarkDotNet exited with {code}: {run.Tail()}" };
            }
        }

        var measured = new JsonArray();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in Directory.EnumerateFiles(Path.Combine(artifacts, "results"), "*-report-full.json"))
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(report).ConfigureAwait(false))!;
            foreach (var benchmark in document["Benchmarks"]!.AsArray())
            {
                // A description with a space is quoted in BenchmarkDotNet's method title.
                var name = (benchmark!["MethodTitle"]?.GetValue<string>() ?? benchmark["Method"]!.GetValue<string>()).Trim('\'');
                found.Add(name);
                measured.Add(new JsonObject
                {
                    ["name"] = name,
                    ["mean_ns"] = Math.Round(benchmark["Statistics"]?["Mean"]?.GetValue<double>() ?? double.NaN, 1),
                    ["allocated_bytes"] = benchmark["Memory"]?["BytesAllocatedPerOperation"]?.GetValue<long>(),
                });
            }
        }

        var missing = new JsonArray([.. s_expected.Where(e => !found.Contains(e)).Select(e => JsonValue.Create(e))]);
        return new JsonObject { ["benchmarks"] = measured, ["missing"] = missing };
    }
}
