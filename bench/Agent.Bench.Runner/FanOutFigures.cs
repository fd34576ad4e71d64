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

    public JsonNode? Run(string server, string transport, int clients, string topic, string mode) =>
        Entry(server, transport, clients)?["runs"]?.AsArray().FirstOrDefault(r =>
            r!["topic"]!.GetValue<string>() == topic && r["mode"]!.GetValue<string>() == mode);

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
