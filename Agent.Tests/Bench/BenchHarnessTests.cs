using System.Diagnostics;
using System.Text.Json.Nodes;
using Agent.Tests.Support;

namespace Agent.Tests.Bench;

/// <summary>
/// Keeps the benchmark harness working: its short version (20 clients, about a second per scenario, the quick
/// BenchmarkDotNet job) runs every server and transport, the idle agent and the parsers, and writes the table.
/// The figures of a short run prove nothing about speed; build/bench.sh makes the real ones.
/// </summary>
public sealed class BenchHarnessTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task BenchHarness_ShortRun_WritesTheTableWithEveryScenario()
    {
        using var folder = new TempFolder();
        var markdown = folder.File("BENCHMARKS.md");
        var json = folder.File("benchmarks.json");

        var code = await RunHarnessAsync(markdown, json);

        Assert.Equal(0, code);
        var text = await File.ReadAllTextAsync(markdown);
        string[] headings = ["## Targets", "## Fan-out", "## Server memory per idle connection", "## Parsers (BenchmarkDotNet)", "## Idle agent"];
        foreach (var heading in headings)
        {
            Assert.Contains(heading, text, StringComparison.Ordinal);
        }

        string[] rows =
        [
            "| raw vs ws | 20 | 1 KB system |", "| json vs hub | 20 | 20 KB disk list |", "| msgpack vs hub | 20 | 1 KB system |", "| meminfo |",
        ];
        foreach (var row in rows)
        {
            Assert.Contains(row, text, StringComparison.Ordinal);
        }

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
        var fanOut = figures["fan_out"]!.AsArray();
        Assert.Equal(6, fanOut.Count);
        Assert.All(fanOut, entry =>
        {
            Assert.Null(entry!["error"]);
            Assert.Equal(20, entry["connected"]!.GetValue<int>());
            Assert.All(entry["runs"]!.AsArray(), run =>
            {
                var scenario = $"{entry["label"]} {run!["topic"]} {run["mode"]}";
                var deliveries = run["deliveries"]!.GetValue<long>();
                Assert.True(deliveries > 0, scenario);
                Assert.Equal(0, run["clients_lost"]!.GetValue<int>());

                // At 10 events/s nobody coalesces: every client gets every event, counted once, and each yields a
                // latency, so the clients found the timestamp in every server's encoding. One event's fan-out either
                // way is the harness's timing on a loaded machine: the last one still on its way when a run's quiet
                // wait ends, or the previous run's last one arriving late.
                if (run["mode"]!.GetValue<string>() == "latency")
                {
                    var expected = run["expected_deliveries"]!.GetValue<long>();
                    var connected = entry["connected"]!.GetValue<int>();
                    Assert.InRange(deliveries, expected - connected, expected + connected);
                    Assert.InRange(run["latency_samples"]!.GetValue<int>(), deliveries - 1, deliveries + 1);
                }
            });
        });
        Assert.True(figures["idle_agent"]!["rss_bytes"]!.GetValue<long>() > 0);
    }

    // The harness is a build output of the same configuration as this test assembly (bin/<Configuration>/net10.0/).
    private static async Task<int> RunHarnessAsync(string markdown, string json)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var runner = Path.Combine(TestPaths.RepositoryRoot, "bench", "Agent.Bench.Runner", "bin", configuration, "net10.0", "Agent.Bench.Runner.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            runner, "--repo", TestPaths.RepositoryRoot, "--configuration", configuration, "--short",
            "--markdown", markdown, "--json", json, "--command", "Agent.Tests BenchHarnessTests",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var harness = Process.Start(info)!;
        var output = harness.StandardOutput.ReadToEndAsync();
        var errors = harness.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(s_limit);
        try
        {
            await harness.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Ends the harness and the servers and load client it started, by their process ids.
            harness.Kill(entireProcessTree: true);
            throw new TimeoutException($"The short benchmark ran past {s_limit}: {await output}");
        }

        Assert.True(harness.ExitCode == 0, $"{await output}\n{await errors}");
        return harness.ExitCode;
    }
}
