using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Agent.Bench.Payloads;

namespace Agent.Bench.Runner;

/// <summary>Writes docs/BENCHMARKS.md from the raw figures: the machine, the command, the tables and every target.</summary>
internal static class ReportWriter
{
    private static readonly string s_method = string.Create(CultureInfo.InvariantCulture, $$"""
        ## How this is measured

        - **Processes.** The harness (`bench/Agent.Bench.Runner`) starts, for every transport and N, a fresh server process
          and one load-client process (`bench/Agent.Bench.Load`), all on 127.0.0.1. Servers: the agent (`bench/Agent.Bench.Server`:
          the shipped Host, unchanged, started through `WebApplicationFactory<Program>` on Kestrel with every collector off and
          `Agent:MaxClients` 20000), the Node `ws` 8.23.1 server (`bench/reference-ws`) and a plain ASP.NET Core hub
          (`bench/ReferenceHub`: `AddSignalR().AddMessagePackProtocol()`, default options, `Clients.All.SendAsync`).
          Each raw client opens its own connection with the upgrade, as the legacy clients do, so the agent serves it
          below its HTTP layer (`UpgradeConnectionHandler`). Hub clients skip negotiation (WebSockets only, the same .NET
          client for both hubs), so the agent serves their sockets below its HTTP layer too, with SignalR's hub handler on
          top (`HubSocketConnection`); a client that negotiates goes through SignalR's HTTP endpoint instead, and is not
          measured here. The agent writes each broadcast's WebSocket frame, built once, beside SignalR's own messages
          (`HubClient`). On a connection in clear, the agent writes straight to the socket (`SocketWriter`): a broadcast
          frame from its one buffer, a 20 KB frame at once and 1 KB frames queued to leave several to a system call,
          SignalR's messages and the socket's control frames at once.
        - **Injection.** The agent's benchmark host adds one route, `GET /bench/run?topic=&rate=&seconds=`, through an
          `IStartupFilter`; it publishes into the agent's `TopicStore` exactly as a collector does. The route exists only in
          that bench project; the product has no injection mechanism. The references have the same route.
        - **Schedule.** Every server follows the same schedule (`BenchSchedule`, mirrored in `server.js`): events at a fixed
          rate, woken at most every millisecond and catching up on the events due, so a late timer does not lower the rate.
          Latency runs use 10 events/s; saturation runs offer {{BenchSchedule.SaturationDeliveriesPerSecond:N0}} deliveries/s
          ({{BenchSchedule.SaturationDeliveriesPerSecond:N0}} / N events/s, at most {{BenchSchedule.MaxEventsPerSecond:N0}}),
          above what this machine carries with any of the servers. A slow client is handled by each server's own policy:
          the agent coalesces to the latest value per topic, the plain hub awaits `SendAsync` (back-pressure slows its
          publisher), and the `ws` reference skips a client for an event while more than 128 KB is buffered for it
          (unbounded, its memory would grow without limit).
        - **Warm-up and trials.** Before the first measured run, every server gets an unrecorded second (half a second in
          the short version) of saturation per topic (the .NET servers' tiered JIT and Node's V8 both optimize the hot path
          only after it has run). Each
          saturation scenario at 1,000 clients (where the throughput targets are judged) then runs {{RunnerOptions.TargetTrials}} times, topics
          alternating, and the trial with the median deliveries per second stands for it in the tables, with its own CPU
          and allocation figures; the Targets table gives each side's range over the trials, and every trial is in the
          JSON file.
        - **Load clients.** Raw clients read the server's frames themselves from a TCP socket, as many as one receive
          holds, and count whole messages, skipping each payload but the envelope's first bytes (for the timestamp) and
          answering pings and the close; a `ClientWebSocket` costs two receives a message and checks every payload's
          UTF-8, which kept the 20 KB runs client-bound on both servers. Hub clients speak SignalR's
          protocol themselves on a `ClientWebSocket` (negotiation skipped, as the .NET client does when told to): the
          handshake, a ping every 10 s, hub messages split from what arrives (record separators for JSON, length prefixes
          for MessagePack) and the invocations of the two pushed methods counted, the payload never bound. The .NET
          SignalR client bound every payload to objects and used a whole core at a few tens of thousands of messages a
          second, so every hub run measured the client; the same bytes read this way cost a fraction of that, for the
          agent and the plain hub alike. Both receive on the socket engine's thread
          (`DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1`, a third less client CPU per message).
        - **Deliveries** are counted by the load client from the request that starts a run until the server has answered
          and then nothing has arrived for the quiet time (0.6 s; 0.3 s in the short version), checked once per quiet time
          up to 3 s after the answer (1 s at saturation), so
          that what a server had queued for a slow client counts with the CPU it cost. Rates and core shares are taken over
          the span from the request to the last delivery: the quiet wait at the end is the harness making sure, and
          counting it would lower every rate by a share that depends on the run's length. The client asks, times and
          waits from a thread of its own, so that its busy thread pool does not delay the end of a run.
        - **Coalescing at saturation.** A client the agent's fan-out gets ahead of keeps one waiting value per topic, the
          latest, as it does for a slow client in use: at saturation the agent delivers fewer messages than events times
          clients (the JSON file has `expected_deliveries` and `deliveries` for every run), and its rate counts what
          arrived. The references queue every frame for every client. For the system topic, allocation per event is
          therefore not allocation per delivery times N.
        - **Latency** is receive time minus the payload's `timestamp` (and the raw envelope's `timestamp`, which is the same
          moment): the UTC time at publication with tick precision, on the same clock. The clients read it from the bytes:
          the agent's RFC 3339 string, or the plain hub's contractless MessagePack form of a `DateTimeOffset`.
        - **Runtime settings.** Each server runs with the settings it ships with: the agent with its own
          `runtimeconfig.json` (workstation GC and the tiered-JIT threshold of `Agent.Host.Runtime.props`), the plain hub
          with the web SDK's defaults (server GC). The load client uses workstation GC.
        - **CPU** is user plus system time from `/proc/<pid>/stat` of the server over the run; the load client reports its
          own (`Process.TotalProcessorTime`) and marks a run client-bound when it used 90 % of one core or more. Both are
          sampled over the whole run, quiet wait included (every process is all but idle then), and divided by the
          delivery span. A client-bound figure is a lower bound of its server's: in the Targets table a ratio over a
          client-bound reference is an upper bound, so one that clears its target is "not shown" rather than met. The
          exception is the `ws` reference at 90 % of a core itself (the whole process's share): it runs its JavaScript,
          sends included, on one thread, so it was at its own limit whatever the client did. Each run also gives
          `clients_lost`: clients whose connection ended before the load client stopped, counted from its start.
        - **Serialized once.** The agent counts every serialization per encoding (`uma_serializations_total{transport}`,
          the same counter its metrics endpoint exposes) and its benchmark host reports the count over the run: at most one
          per event whatever N is. The bytes it allocated (`GC.GetTotalAllocatedBytes`) are given beside it, far below the
          payload's size per delivery on every transport: a frame is written once and every connection's socket is given
          that one buffer, not serialized per client.
        - **Memory per idle connection** is the growth of the server's VmRSS from 2 s after the first connection to 2 s
          after the last, divided by N − 1. What the first connection costs once (the code of the connection path; on the
          agent, OpenSSL, which the WebSocket handshake's SHA-1 loads) is not a cost of each connection: counted from
          before the first, 5 MB of it would have added 1 KB to every figure at N = 5,000.
        - **Parsers** run under BenchmarkDotNet in process (`bench/Agent.Benchmarks`) on captured files: the sources' outputs in
          `../shared/fixtures/` (the largest where there are several, e.g. the dual-GPU nvidia-smi report) and `/proc` and
          hwmon trees in `Agent.Tests/Fixtures/`, with the memory diagnoser.
        - **Idle agent** is the whole agent with default intervals on this machine's `/proc` and `/sys` (no Unraid files here,
          UPS backend off, Docker pointed at an absent socket so that nothing else is contacted): the build the Unraid
          package ships, published by build/bench.sh, and the framework-dependent build beside it over the same minute.
          The short version measures the framework-dependent build only.

        """);

    private static readonly string[] s_transports = ["raw", "json", "msgpack"];
    private static readonly string[] s_topics = ["system", "disk"];

    public static string Write(JsonObject figures, RunnerOptions options, string jsonName)
    {
        var fanOut = new FanOutFigures(figures["fan_out"]!.AsArray());
        var text = new StringBuilder();
        var machine = figures["machine"]!;
        text.AppendLine("# Benchmarks").AppendLine();
        var scope = options.IsShort ? "short version: figures only prove the harness works" : "full run";
        text.AppendLine(Invariant($"Written by `{options.Command}` on {figures["finished"]} ({scope}). "));
        text.Append(Invariant($"Raw figures: [{jsonName}]({jsonName}). "))
            .AppendLine("Method, references and caveats: see [How this is measured](#how-this-is-measured).")
            .AppendLine();
        text.Append(Invariant($"- Machine: {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB, {machine["kernel"]}; "))
            .AppendLine(Invariant($".NET {machine["dotnet"]}, Node {machine["node"]}."));
        text.Append(Invariant($"- Load average (1/5/15 min) at start: {machine["load_start"]}; at end: {machine["load_end"]}. "))
            .Append("The machine is shared with other builds: ")
            .AppendLine("ratios against the reference measured in the same run are the result, absolute times are not.");
        text.Append(Invariant($"- Client counts: {string.Join(", ", options.ClientCounts)}; "))
            .Append(options.IsShort
                ? Invariant($"one saturation trial of {options.SaturationSeconds} s per scenario; ")
                : Invariant($"{options.SaturationTrialsAt(RunnerOptions.TargetClients)} saturation trials of {options.SaturationSeconds} s ")
                    + Invariant($"per scenario at N = {RunnerOptions.TargetClients} (the median stands), one elsewhere; "))
            .Append(Invariant($"{options.LatencySeconds} s per fixed-rate run, "))
            .AppendLine(Invariant($"wall time {figures["wall_seconds"]} s."))
            .AppendLine();

        TargetsTable.Append(text, figures, fanOut, options);
        AppendFanOut(text, fanOut, options);
        AppendIdleConnections(text, fanOut, options);
        AppendParsers(text, figures["parsers"]);
        AppendIdleAgent(text, figures["idle_agent"]);
        text.Append(s_method);
        return text.ToString();
    }

    private static void AppendFanOut(StringBuilder text, FanOutFigures fanOut, RunnerOptions options)
    {
        text.AppendLine("## Fan-out").AppendLine();
        var offered = BenchSchedule.SaturationDeliveriesPerSecond;
        text.Append(CultureInfo.InvariantCulture, $"Deliveries per second at saturation ({offered:N0} deliveries/s offered), ")
            .Append("latency at 10 events/s, ")
            .Append("server CPU seconds per million deliveries. `*` marks a run where the load client used 90 % of a core or more ")
            .AppendLine("(client-bound: the figure is a lower bound of the server's).")
            .AppendLine();
        text.Append("| transport | N | payload | agent deliveries/s | reference deliveries/s | ratio ")
            .Append("| agent p50 / p99 / max ms | reference p50 / p99 / max ms ")
            .AppendLine("| agent CPU s/M | reference CPU s/M | agent allocated B/delivery |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var clients in options.ClientCounts)
        {
            foreach (var transport in s_transports)
            {
                var reference = FanOutFigures.ReferenceOf(transport);
                foreach (var topic in s_topics)
                {
                    var ours = fanOut.Number("agent", transport, clients, topic, "saturation", "deliveries_per_second");
                    var theirs = fanOut.Number(reference, transport, clients, topic, "saturation", "deliveries_per_second");
                    var ourCpu = fanOut.Number("agent", transport, clients, topic, "saturation", "server_cpu_seconds_per_million");
                    var theirCpu = fanOut.Number(reference, transport, clients, topic, "saturation", "server_cpu_seconds_per_million");
                    var allocated = fanOut.Number("agent", transport, clients, topic, "saturation", "allocated_bytes_per_delivery");
                    var payload = topic == "disk" ? "20 KB disk list" : "1 KB system";
                    text.Append(Invariant($"| {transport} vs {reference} | {clients} | {payload} "))
                        .Append(Invariant($"| {Format(ours)}{Mark(fanOut, "agent", transport, clients, topic)} "))
                        .Append(Invariant($"| {Format(theirs)}{Mark(fanOut, reference, transport, clients, topic)} | {Ratio(ours, theirs)} "))
                        .Append(Invariant($"| {Latency(fanOut, "agent", transport, clients, topic)} "))
                        .Append(Invariant($"| {Latency(fanOut, reference, transport, clients, topic)} "))
                        .AppendLine(Invariant($"| {Format(ourCpu, 2)} | {Format(theirCpu, 2)} | {Format(allocated, 1)} |"));
                }
            }
        }

        text.AppendLine();
    }

    private static void AppendIdleConnections(StringBuilder text, FanOutFigures fanOut, RunnerOptions options)
    {
        text.AppendLine("## Server memory per idle connection").AppendLine();
        text.Append("Growth of the server's resident memory (VmRSS) from 2 s after the first connection ")
            .AppendLine("to 2 s after the last, divided by N − 1.")
            .AppendLine();
        text.AppendLine("| transport | N | agent KB/connection | reference KB/connection |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var clients in options.ClientCounts)
        {
            foreach (var transport in s_transports)
            {
                var reference = FanOutFigures.ReferenceOf(transport);
                var ours = fanOut.IdleBytes("agent", transport, clients) / 1024;
                var theirs = fanOut.IdleBytes(reference, transport, clients) / 1024;
                text.AppendLine(Invariant($"| {transport} vs {reference} | {clients} | {Format(ours, 1)} | {Format(theirs, 1)} |"));
            }
        }

        text.AppendLine();
    }

    private static void AppendParsers(StringBuilder text, JsonNode? parsers)
    {
        text.AppendLine("## Parsers (BenchmarkDotNet)").AppendLine();
        if (parsers?["error"] is { } error)
        {
            text.AppendLine(Invariant($"Not measured: {error}")).AppendLine();
            return;
        }

        text.AppendLine("| parser | mean µs per call | allocated B per call |");
        text.AppendLine("|---|---:|---:|");
        foreach (var benchmark in parsers?["benchmarks"]?.AsArray() ?? [])
        {
            text.AppendLine(Invariant(
                $"| {benchmark!["name"]} | {Format(benchmark["mean_ns"]?.GetValue<double>() / 1000, 2)} | {benchmark["allocated_bytes"]} |"));
        }

        var missing = parsers?["missing"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? [];
        text.AppendLine().AppendLine(missing.Count > 0
            ? Invariant($"Missing (parser not on this branch yet): {string.Join(", ", missing)}.")
            : "Every parser is measured.").AppendLine();
    }

    private static void AppendIdleAgent(StringBuilder text, JsonNode? idle)
    {
        text.AppendLine("## Idle agent").AppendLine();
        if (idle?["error"] is { } error)
        {
            text.AppendLine(Invariant($"Not measured: {error}")).AppendLine();
            return;
        }

        text.Append("The Host with default intervals on this machine's /proc and /sys, ")
            .AppendLine(Invariant($"{idle?["seconds"]} s after a {idle?["warm_up_seconds"]} s warm-up:"))
            .AppendLine();
        var shipped = idle?["build"]?.GetValue<string>() == "shipped";
        if (shipped)
        {
            var build = "the build the Unraid package ships (trimmed single file, build/publish.sh; the targets are judged on it)";
            AppendIdleBuild(text, build, idle);
        }

        var frameworkDependent = shipped ? idle?["framework_dependent"] : idle;
        AppendIdleBuild(text, "the framework-dependent `unraid-management-agent.dll` under `dotnet`", frameworkDependent);
        text.AppendLine()
            .AppendLine("The framework-dependent build's resident memory is mostly the shared framework's mapped files; where")
            .AppendLine("each build's memory goes is in [packaging.md](packaging.md#idle-memory).")
            .AppendLine();
    }

    private static void AppendIdleBuild(StringBuilder text, string build, JsonNode? figures)
    {
        if (figures?["error"] is { } error)
        {
            text.AppendLine(Invariant($"- {build}: not measured: {error}"));
            return;
        }

        var megabytes = figures?["rss_bytes"]?.GetValue<long>() / 1048576.0;
        text.AppendLine(Invariant($"- {build}: {figures?["cpu_percent_of_one_core"]} % of one core, {Format(megabytes, 1)} MB resident."));
    }

    private static string Latency(FanOutFigures fanOut, string server, string transport, int clients, string topic)
    {
        string Figure(string name) => Format(fanOut.Number(server, transport, clients, topic, "latency", name), 1);
        var mark = fanOut.ClientSaturated(server, transport, clients, topic, "latency") ? "*" : "";
        return Invariant($"{Figure("latency_p50_ms")} / {Figure("latency_p99_ms")} / {Figure("latency_max_ms")}{mark}");
    }

    private static string Mark(FanOutFigures fanOut, string server, string transport, int clients, string topic) =>
        fanOut.ClientSaturated(server, transport, clients, topic, "saturation") ? "*" : "";

    public static string Ratio(double? ours, double? theirs) =>
        ours is { } a && theirs is > 0 ? Invariant($"{a / theirs.Value:0.00}×") : "n/a";

    public static string Format(double? value, int decimals = 0) =>
        value is { } number && !double.IsNaN(number) ? number.ToString("N" + decimals, CultureInfo.InvariantCulture) : "n/a";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
