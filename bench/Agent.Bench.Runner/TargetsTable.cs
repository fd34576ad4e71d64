using System.Text;
using System.Text.Json.Nodes;
using Agent.Bench.Payloads;

namespace Agent.Bench.Runner;

/// <summary>
/// Every target of the benchmark suite (docs/BENCHMARKS.md lists them) with where it stands; a miss is written as a
/// miss, and a figure the load client may have held back says so.
/// </summary>
internal static class TargetsTable
{
    private const int MemoryClients = 5000;

    public static void Append(StringBuilder text, JsonObject figures, FanOutFigures fanOut, RunnerOptions options)
    {
        var throughputN = Nearest(options, RunnerOptions.TargetClients);
        var memoryN = Nearest(options, MemoryClients);
        text.AppendLine("## Targets").AppendLine();
        if (throughputN != RunnerOptions.TargetClients || memoryN != MemoryClients)
        {
            var note = FormattableString.Invariant($"Short version: the targets at N = 1,000 and 5,000 are read at N = {throughputN} instead.");
            text.AppendLine(note).AppendLine();
        }

        text.AppendLine("| target | figure | status |");
        text.AppendLine("|---|---|---|");
        foreach (var (transport, factor) in new[] { ("raw", 1.5), ("json", 1.2), ("msgpack", 1.2) })
        {
            foreach (var topic in new[] { "system", "disk" })
            {
                AppendRatio(text, fanOut, transport, factor, topic, throughputN);
            }
        }

        foreach (var transport in new[] { "raw", "json", "msgpack" })
        {
            foreach (var topic in new[] { "system", "disk" })
            {
                var p99 = fanOut.Number("agent", transport, throughputN, topic, "latency", "latency_p99_ms");
                Row(
                    text,
                    $"p99 latency, agent {transport}, {topic}, N = {throughputN}, 10 events/s ≤ 25 ms",
                    $"{ReportWriter.Format(p99, 1)} ms",
                    p99 is { } v ? v <= 25 : null);
            }
        }

        foreach (var (transport, limitKb) in new[] { ("raw", 12.0), ("json", 24.0), ("msgpack", 24.0) })
        {
            var kb = fanOut.IdleBytes("agent", transport, memoryN) / 1024;
            Row(
                text,
                $"memory per idle connection, agent {transport}, N = {memoryN} ≤ {limitKb} KB",
                $"{ReportWriter.Format(kb, 1)} KB",
                kb is { } v ? v <= limitKb : null);
        }

        AppendSerializedOnce(text, fanOut, options);
        AppendParsers(text, figures["parsers"]);
        AppendIdle(text, figures["idle_agent"]);
        text.AppendLine();
    }

    private static void AppendRatio(StringBuilder text, FanOutFigures fanOut, string transport, double factor, string topic, int clients)
    {
        var reference = FanOutFigures.ReferenceOf(transport);
        var ours = fanOut.Number("agent", transport, clients, topic, "saturation", "deliveries_per_second");
        var theirs = fanOut.Number(reference, transport, clients, topic, "saturation", "deliveries_per_second");
        var oursBound = fanOut.ClientSaturated("agent", transport, clients, topic, "saturation");
        var theirsBound = fanOut.ClientSaturated(reference, transport, clients, topic, "saturation")
            && !AtOwnLimit(fanOut, reference, transport, clients, topic);
        bool? met = ours is { } a && theirs is > 0 ? a >= factor * theirs.Value : null;

        // A client-bound figure is a lower bound of its server's: a ratio over a bound reference is an upper bound, and
        // proves nothing when it clears the target; a bound agent figure makes a miss a lower bound.
        var note = (oursBound, theirsBound) switch
        {
            (true, true) => ", both client-bound",
            (false, true) => ", reference client-bound: an upper bound",
            (true, false) => ", agent client-bound: a lower bound",
            _ => "",
        };
        var unproven = met == true && theirsBound;

        // The medians decide; each side's range over its trials shows how far one trial could have moved the ratio.
        var spread = fanOut.Range("agent", transport, clients, topic, "saturation", "deliveries_per_second") is { Count: > 1 } agentTrials
            && fanOut.Range(reference, transport, clients, topic, "saturation", "deliveries_per_second") is { Count: > 1 } referenceTrials
                ? $"; trials {ReportWriter.Format(agentTrials.Low)}–{ReportWriter.Format(agentTrials.High)} vs "
                    + $"{ReportWriter.Format(referenceTrials.Low)}–{ReportWriter.Format(referenceTrials.High)} "
                    + $"({agentTrials.Count} and {referenceTrials.Count})"
                : "";
        Row(
            text,
            $"{transport} deliveries/s vs {reference}, {topic}, N = {clients} ≥ {factor}×",
            $"{ReportWriter.Ratio(ours, theirs)} ({ReportWriter.Format(ours)} vs {ReportWriter.Format(theirs)}{spread}){note}",
            unproven ? null : met,
            unknown: unproven ? "**not shown**" : "not measured");
    }

    // The ws reference runs its JavaScript, sends included, on one thread: at 90 % of one core it is at its own limit,
    // and a client as busy did not hold it back. The share is the whole process's; V8's helper threads add a little,
    // so this reads the main thread's saturation from slightly above. Measuring that thread alone would settle it.
    private static bool AtOwnLimit(FanOutFigures fanOut, string reference, string transport, int clients, string topic) =>
        reference == "ws"
        && fanOut.Number(reference, transport, clients, topic, "saturation", "server_cores") >= ProcSample.SaturatedCoreShare;

    // The agent counts its own serializations (uma_serializations_total): one per event and encoding at every N is the
    // proof. The allocation per event is shown beside it: what a client adds to it is the transport's own cost of a
    // delivery (buffers, and the awaits of a send that has to wait), not a second serialization.
    private static void AppendSerializedOnce(StringBuilder text, FanOutFigures fanOut, RunnerOptions options)
    {
        var smallest = options.ClientCounts.Min();
        var largest = options.ClientCounts.Max();
        foreach (var transport in new[] { "raw", "json", "msgpack" })
        {
            foreach (var topic in new[] { "system", "disk" })
            {
                double? Figure(int clients, string figure) => fanOut.Number("agent", transport, clients, topic, "saturation", figure);
                var target = $"{topic} serialized once, agent {transport} (serializations per event counted by the agent, at most 1 at every N)";
                if (Figure(smallest, "serializations_per_event") is not { } fewest
                    || Figure(largest, "serializations_per_event") is not { } most)
                {
                    Row(text, target, "not counted in this run", null);
                    continue;
                }

                var allocation = Figure(smallest, "allocated_bytes_per_event") is { } low && Figure(largest, "allocated_bytes_per_event") is { } high
                    && largest > smallest
                    ? $"; allocation {ReportWriter.Format(low)} B/event at N = {smallest}, {ReportWriter.Format(high)} at N = {largest}"
                    : "";
                Row(
                    text,
                    target,
                    $"{ReportWriter.Format(fewest, 3)} at N = {smallest}, {ReportWriter.Format(most, 3)} at N = {largest}{allocation}",
                    fewest <= 1.001 && most <= 1.001);
            }
        }
    }

    private static void AppendParsers(StringBuilder text, JsonNode? parsers)
    {
        foreach (var benchmark in parsers?["benchmarks"]?.AsArray() ?? [])
        {
            var name = benchmark!["name"]!.GetValue<string>();
            var micros = benchmark["mean_ns"]?.GetValue<double>() / 1000;
            var isIo = name.Contains("I/O", StringComparison.Ordinal);
            if (isIo)
            {
                Row(text, $"{name}: for scale, not a parser", $"{ReportWriter.Format(micros, 2)} µs", null, "n/a");
                continue;
            }

            Row(text, $"parser {name} < 50 µs", $"{ReportWriter.Format(micros, 2)} µs", micros < 50);
        }

        foreach (var missing in parsers?["missing"]?.AsArray() ?? [])
        {
            Row(text, $"parser {missing} < 50 µs", "parser not on this branch", null);
        }
    }

    private static void AppendIdle(StringBuilder text, JsonNode? idle)
    {
        var percent = idle?["cpu_percent_of_one_core"]?.GetValue<double>();
        var megabytes = idle?["rss_bytes"]?.GetValue<long>() / 1048576.0;
        var build = idle?["build"]?.GetValue<string>() ?? "framework-dependent";
        Row(text, $"idle agent ({build} build) < 0.2 % of one core", $"{ReportWriter.Format(percent, 3)} %", percent < 0.2);
        Row(text, $"idle agent ({build} build) < 60 MB resident", $"{ReportWriter.Format(megabytes, 1)} MB", megabytes < 60);
    }

    private static void Row(StringBuilder text, string target, string figure, bool? met, string unknown = "not measured")
    {
        var status = met switch { true => "met", false => "**missed**", null => unknown };
        text.AppendLine(FormattableString.Invariant($"| {target} | {figure} | {status} |"));
    }

    private static int Nearest(RunnerOptions options, int wanted) =>
        options.ClientCounts.Contains(wanted) ? wanted : options.ClientCounts.Max();
}
