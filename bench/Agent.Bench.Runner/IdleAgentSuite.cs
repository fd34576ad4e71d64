using System.Globalization;
using System.Text.Json.Nodes;
using Agent.Bench.Payloads;

namespace Agent.Bench.Runner;

/// <summary>
/// Runs the real agent with its default intervals on this machine's <c>/proc</c> and <c>/sys</c>, and reads its CPU
/// time and resident memory over a quiet minute: the build the Unraid package ships (a trimmed single file, when
/// build/bench.sh published one) and the framework-dependent Host assembly under <c>dotnet</c>, side by side over the
/// same minute (idle, neither takes anything from the other). The targets are judged on the shipped build, which is
/// what runs on a server. The UPS and Docker sources are pointed at nothing, so that the agent talks to no daemon the
/// harness did not start.
/// </summary>
internal sealed class IdleAgentSuite(RunnerOptions options, string workFolder)
{
    public async Task<JsonObject> RunAsync()
    {
        Console.WriteLine($"bench: idle agent for {options.IdleAgentDuration.TotalSeconds} s");
        var frameworkDependent = MeasureAsync("framework-dependent", "dotnet", [options.Output("Agent.Host", "unraid-management-agent")]);
        var shipped = options.ShippedBinary is { } binary ? MeasureAsync("shipped", binary, []) : null;

        var figures = shipped is null ? await frameworkDependent.ConfigureAwait(false) : await shipped.ConfigureAwait(false);
        figures["build"] = shipped is null ? "framework-dependent" : "shipped";
        if (shipped is not null)
        {
            figures["framework_dependent"] = await frameworkDependent.ConfigureAwait(false);
        }

        return figures;
    }

    private async Task<JsonObject> MeasureAsync(string name, string program, string[] programArguments)
    {
        var port = LoopbackPort.Free();
        var folder = Path.Combine(workFolder, "idle-agent-" + name);
        Directory.CreateDirectory(folder);
        string[] arguments =
        [
            .. programArguments,
            $"--Agent:Port={port.ToString(CultureInfo.InvariantCulture)}",
            "--Agent:BindAddress=127.0.0.1",
            $"--Agent:Log:Path={Path.Combine(folder, "agent.log")}",
            "--Agent:Ups:Backend=none",
            $"--Agent:Docker:Endpoint=unix://{Path.Combine(folder, "no-docker.sock")}",
        ];
        ChildProcess? agent = null;
        try
        {
            agent = ChildProcess.Start(program, arguments, workingDirectory: folder);
            await WaitListeningAsync(port).ConfigureAwait(false);

            // The fixed pauses are the measurement: a warm-up (start-up, JIT and the first collection of every source
            // are not idle), then the idle window itself.
            await Task.Delay(options.IdleAgentWarmUp).ConfigureAwait(false);
            var before = ProcSample.Read(agent.Pid);
            await Task.Delay(options.IdleAgentDuration).ConfigureAwait(false);
            var after = ProcSample.Read(agent.Pid);
            var cpu = after.CpuSeconds - before.CpuSeconds;
            return new JsonObject
            {
                ["program"] = program == "dotnet" ? $"dotnet {programArguments[0]}" : program,
                ["seconds"] = options.IdleAgentDuration.TotalSeconds,
                ["warm_up_seconds"] = options.IdleAgentWarmUp.TotalSeconds,
                ["cpu_seconds"] = Math.Round(cpu, 3),
                ["cpu_percent_of_one_core"] = Math.Round(cpu / options.IdleAgentDuration.TotalSeconds * 100, 3),
                ["rss_bytes"] = after.ResidentBytes,
            };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One build that cannot start or answer is reported in its place; the other's measurement goes on.
            return new JsonObject { ["error"] = $"{name}: {ex.Message} {agent?.Tail()}" };
        }
        finally
        {
            if (agent is not null)
            {
                await agent.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitListeningAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/v1/health")).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
            }
        }
    }
}
