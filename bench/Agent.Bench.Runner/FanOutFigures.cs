using System.Text.Json.Nodes;

namespace Agent.Bench.Runner;

/// <summary>Looks figures up in the fan-out results: one entry per server, transport and client count.</summary>
internal sealed class FanOutFigures(JsonArray entries)
{
    public JsonNode? Entry(string server, string transport, int clients) =>
        entries.FirstOrDefault(e =>
            e!["server"]!.GetValue<string>() == server
            && e["transport"]!.GetValue<string>() == transport
            && e["clients"]!.GetValue<int>() == clients);

    /// <summary>
    /// The run of that topic and mode. A scenario run several times (the saturation trials) is represented by its
    /// median trial by deliveries per second, whose CPU and allocation figures come with it, so one noisy trial on a
    /// shared machine neither makes nor breaks a ratio.
    /// </summary>
    public JsonNode? Run(string server, string transport, int clients, string topic, string mode)
    {
        var trials = Trials(server, transport, clients, topic, mode);
        return trials.Count > 0 ? trials[trials.Count / 2] : null;
    }

    /// <summary>The lowest and highest of <paramref name="figure"/> over a scenario's trials, and how many trials it had.</summary>
    public (double Low, double High, int Count)? Range(string server, string transport, int clients, string topic, string mode, string figure)
    {
        var values = Trials(server, transport, clients, topic, mode)
            .Select(r => r[figure] is JsonValue value && value.TryGetValue(out double number) ? number : (double?)null)
            .OfType<double>()
            .ToList();
        return values.Count > 0 ? (values.Min(), values.Max(), values.Count) : null;
    }

    // The trials of a scenario, slowest first.
    private List<JsonNode> Trials(string server, string transport, int clients, string topic, string mode) =>
        Entry(server, transport, clients)?["runs"]?.AsArray()
            .Where(r => r!["topic"]!.GetValue<string>() == topic && r["mode"]!.GetValue<string>() == mode)
            .OrderBy(r => r!["deliveries_per_second"] is JsonValue value && value.TryGetValue(out double rate) ? rate : 0)
            .Select(r => r!)
            .ToList() ?? [];

    public double? Number(string server, string transport, int clients, string topic, string mode, string figure) =>
        Run(server, transport, clients, topic, mode)?[figure] is JsonValue value && value.TryGetValue(out double number) ? number : null;

    public double? IdleBytes(string server, string transport, int clients) =>
        Entry(server, transport, clients)?["idle_bytes_per_connection"] is JsonValue value && value.TryGetValue(out double number)
            ? number
            : null;

    public bool ClientSaturated(string server, string transport, int clients, string topic, string mode) =>
        Run(server, transport, clients, topic, mode)?["client_saturated"]?.GetValue<bool>() ?? false;

    public static string ReferenceOf(string transport) => transport == "raw" ? "ws" : "hub";
}
