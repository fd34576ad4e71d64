using System.Globalization;
using System.Text.Json.Nodes;

namespace Agent.Bench.Runner;

/// <summary>
/// Runs every server and transport at every client count: a fresh server process each time (so that its memory per
/// idle connection starts from the same point), one load-client process that connects, measures idle memory, then
/// the saturation and fixed-rate runs of both payloads.
/// </summary>
internal sealed class FanOutSuite(RunnerOptions options, string framesFolder, string workFolder)
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_loadTimeout = TimeSpan.FromMinutes(6);

    public async Task<JsonArray> RunAsync()
    {
        var results = new JsonArray();
        foreach (var clients in options.ClientCounts)
        {
            foreach (var kind in ServerKind.All.Where(options.Includes))
            {
                var label = $"{kind.Label} N={clients}";
                Console.WriteLine($"bench: fan-out {label}");
                results.Add(await RunOneAsync(kind, clients).ConfigureAwait(false));
            }
        }

        return results;
    }

    private async Task<JsonNode> RunOneAsync(ServerKind kind, int clients)
    {
        var port = LoopbackPort.Free();
        await using var server = StartServer(kind, port);
        var entry = new JsonObject { ["server"] = kind.Server, ["transport"] = kind.Transport, ["clients"] = clients };
        try
        {
            await server.WaitReadyAsync(s_startTimeout).ConfigureAwait(false);
            var output = Path.Combine(workFolder, $"{kind.Server}-{kind.Transport}-{clients}.json");
            await RunLoadAsync(kind, clients, port, server.Pid, output).ConfigureAwait(false);
            var result = JsonNode.Parse(await File.ReadAllTextAsync(output).ConfigureAwait(false))!.AsObject();
            foreach (var (key, value) in result.ToList())
            {
                result.Remove(key);
                entry[key] = value;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or OperationCanceledException)
        {
            entry["error"] = $"{ex.Message} {server.Tail()}";
            Console.Error.WriteLine($"bench: {kind.Label} N={clients} failed: {entry["error"]}");
        }

        return entry;
    }

    private async Task RunLoadAsync(ServerKind kind, int clients, int port, int serverPid, string output)
    {
        // The saturation trials alternate topics, so that a slow stretch of the machine falls on both alike.
        var saturation = Enumerable.Range(0, options.SaturationTrialsAt(clients)).SelectMany(_ => new[]
        {
            FormattableString.Invariant($"system:0:{options.SaturationSeconds}"),
            FormattableString.Invariant($"disk:0:{options.SaturationSeconds}"),
        });
        var runs = string.Join(
            ',',
            saturation.Append(FormattableString.Invariant($"system:10:{options.LatencySeconds}"))
                .Append(FormattableString.Invariant($"disk:10:{options.LatencySeconds}")));
        string[] arguments =
        [
            options.Output("bench/Agent.Bench.Load", "Agent.Bench.Load"),
            "--url", $"http://127.0.0.1:{port}/",
            "--path", kind.Path,
            "--transport", kind.Transport,
            "--clients", clients.ToString(CultureInfo.InvariantCulture),
            "--server-pid", serverPid.ToString(CultureInfo.InvariantCulture),
            "--runs", runs,
            "--out", output,
            "--label", kind.Label,
            "--quiet-ms", options.QuietMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--warm-up-seconds", options.WarmUpSeconds.ToString(CultureInfo.InvariantCulture),
        ];
        await using var load = ChildProcess.Start("dotnet", arguments, LoadClientEnvironment());
        var code = await load.WaitExitAsync(s_loadTimeout).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"the load client exited with {code}: {load.Tail()}");
        }
    }

    // The clients finish each receive on the socket engine's own thread instead of queueing it to the thread pool: a
    // third less client CPU per message, which keeps the client from being the bottleneck and from adding its own
    // queueing to the latency figures. Neither client blocks in its receive path, which that thread requires.
    private static Dictionary<string, string> LoadClientEnvironment() =>
        new() { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" };

    private ChildProcess StartServer(ServerKind kind, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        return kind.Server switch
        {
            "agent" => ChildProcess.Start("dotnet", [options.Output("bench/Agent.Bench.Server", "Agent.Bench.Server"), portText]),
            "hub" => ChildProcess.Start("dotnet", [options.Output("bench/ReferenceHub", "ReferenceHub"), portText]),
            _ => ChildProcess.Start("node", [Path.Combine(options.Repo, "bench", "reference-ws", "server.js"), portText, framesFolder]),
        };
    }
}
