using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Agent.Bench.Runner;

/// <summary>The harness: fan-out against the references, the idle agent and the parsers; writes the table and the raw figures.</summary>
internal static class RunnerEntry
{
    public static async Task<int> Main(string[] args)
    {
        var options = RunnerOptions.Parse(args);
        var work = Path.Combine(Path.GetTempPath(), $"agent-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        try
        {
            return await RunAsync(options, work).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunAsync(RunnerOptions options, string work)
    {
        if (options.RenderOnly)
        {
            var written = JsonNode.Parse(await File.ReadAllTextAsync(options.Json).ConfigureAwait(false))!.AsObject();
            await WriteReportAsync(options, written).ConfigureAwait(false);
            Console.WriteLine($"bench: wrote {options.Markdown} again from {options.Json}");
            return 0;
        }

        var clock = Stopwatch.StartNew();
        var figures = new JsonObject { ["mode"] = options.IsShort ? "short" : "full", ["started"] = DateTimeOffset.UtcNow.ToString("u") };
        var machine = await MachineDescription.ReadAsync().ConfigureAwait(false);

        await NodeReference.EnsureInstalledAsync(options.Repo).ConfigureAwait(false);
        var frames = Path.Combine(work, "frames");
        FrameTemplates.Write(frames);

        figures["fan_out"] = await new FanOutSuite(options, frames, work).RunAsync().ConfigureAwait(false);
        figures["idle_agent"] = options.SkipIdle
            ? new JsonObject { ["error"] = "skipped (--skip-idle)" }
            : await new IdleAgentSuite(options, work).RunAsync().ConfigureAwait(false);
        figures["parsers"] = options.SkipParsers
            ? new JsonObject { ["error"] = "skipped (--skip-parsers)" }
            : await new ParserSuite(options, work).RunAsync().ConfigureAwait(false);

        machine["load_end"] = MachineDescription.LoadAverage();
        figures["machine"] = machine;
        figures["finished"] = DateTimeOffset.UtcNow.ToString("u");
        figures["wall_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1);

        Directory.CreateDirectory(Path.GetDirectoryName(options.Json)!);
        await File.WriteAllTextAsync(options.Json, figures.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n")
            .ConfigureAwait(false);
        await WriteReportAsync(options, figures).ConfigureAwait(false);
        Console.WriteLine($"bench: wrote {options.Markdown} and {options.Json} in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    private static async Task WriteReportAsync(RunnerOptions options, JsonObject figures)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.Markdown)!);
        var jsonName = Path.GetRelativePath(Path.GetDirectoryName(options.Markdown)!, options.Json);
        await File.WriteAllTextAsync(options.Markdown, ReportWriter.Write(figures, options, jsonName)).ConfigureAwait(false);
    }
}
