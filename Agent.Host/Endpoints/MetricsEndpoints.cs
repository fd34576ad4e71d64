using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agent.Collectors.Hosting;
using Agent.Host.Broadcasting;

namespace Agent.Host.Endpoints;

internal static class MetricsEndpoints
{
    private static readonly Transport[] s_transports = Enum.GetValues<Transport>();

    /// <summary>Maps <c>GET /metrics</c>: the connection figures, collector durations and source health in Prometheus' text format.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/metrics", (ConnectionBudget budget, DeliveryStatistics statistics, TopicStore store,
                CollectorStatistics collectors, SourceHealthRegistry health) =>
                Results.Text(Render(budget, statistics, store, collectors, health), "text/plain; version=0.0.4; charset=utf-8"))
            .WithName("GetMetrics")
            .WithTags("metrics")
            .WithSummary("Prometheus metrics.");
        return endpoints;
    }

    public static string Render(
        ConnectionBudget budget,
        DeliveryStatistics statistics,
        TopicStore store,
        CollectorStatistics collectors,
        SourceHealthRegistry health)
    {
        var text = new PrometheusText();
        text.Family("uma_connections", "gauge", "Real-time connections open now, by transport.");
        foreach (var transport in s_transports)
        {
            text.Sample("uma_connections", budget.OpenOn(transport), ("transport", Label(transport)));
        }

        text.Gauge("uma_connections_peak", "Most real-time connections open at once since start.", budget.Peak);
        text.Gauge("uma_connections_max", "The connection cap shared by all transports.", budget.MaxClients);
        text.Counter("uma_connections_accepted_total", "Connections accepted since start.", budget.AcceptedTotal);
        text.Counter("uma_connections_rejected_total", "Connections refused by the cap since start.", budget.RejectedTotal);
        text.Counter("uma_connections_disconnected_total", "Accepted connections that ended since start.", budget.DisconnectedTotal);
        text.Counter("uma_events_published_total", "Events published by the collectors since start.", store.PublishedTotal);
        text.Family("uma_deliveries_total", "counter", "Frames written to clients since start, by transport.");
        foreach (var transport in s_transports)
        {
            text.Sample("uma_deliveries_total", statistics.DeliveriesOn(transport), ("transport", Label(transport)));
        }

        text.Family(
            "uma_serializations_total",
            "counter",
            "Messages serialized for a transport since start: one per broadcast and encoding, whatever the number of clients.");
        foreach (var transport in s_transports)
        {
            text.Sample("uma_serializations_total", statistics.SerializationsOn(transport), ("transport", Label(transport)));
        }

        text.Counter("uma_coalesced_total", "Pending updates replaced by a newer one before a slow client took them.", statistics.CoalescedTotal);
        text.Counter("uma_evicted_total", "Clients closed because they accepted nothing for the write timeout.", statistics.EvictedTotal);
        text.Gauge("uma_events_per_second", "Events published per second over the last minute.", statistics.EventsPerSecond());
        WriteCollectors(text, collectors);
        WriteSources(text, health);
        WriteProcess(text);
        return text.ToString();
    }

    private static void WriteCollectors(PrometheusText text, CollectorStatistics collectors)
    {
        var figures = collectors.Snapshot();
        text.Family("uma_collector_runs_total", "counter", "Collections run since start, by collector.");
        foreach (var f in figures)
        {
            text.Sample("uma_collector_runs_total", f.Runs, ("collector", f.Name));
        }

        text.Family("uma_collector_failures_total", "counter", "Collections that failed since start, by collector.");
        foreach (var f in figures)
        {
            text.Sample("uma_collector_failures_total", f.Failures, ("collector", f.Name));
        }

        text.Family("uma_collector_last_duration_seconds", "gauge", "Duration of the last collection, by collector.");
        foreach (var f in figures)
        {
            text.Sample("uma_collector_last_duration_seconds", f.LastDuration.TotalSeconds, ("collector", f.Name));
        }

        text.Family("uma_collector_duration_seconds_total", "counter", "Time spent collecting since start, by collector.");
        foreach (var f in figures)
        {
            text.Sample("uma_collector_duration_seconds_total", f.TotalDuration.TotalSeconds, ("collector", f.Name));
        }
    }

    private static void WriteSources(PrometheusText text, SourceHealthRegistry health)
    {
        text.Family("uma_source_health", "gauge", "1 for the current health state of each subsystem's data source.");
        foreach (var source in health.All)
        {
            text.Sample("uma_source_health", 1, ("subsystem", source.Subsystem), ("state", source.State));
        }
    }

    private static void WriteProcess(PrometheusText text)
    {
        using var process = Process.GetCurrentProcess();
        text.Gauge("process_resident_memory_bytes", "Resident memory of the agent.", process.WorkingSet64);
        text.Counter("process_cpu_seconds_total", "CPU time of the agent.", process.TotalProcessorTime.TotalSeconds);
        text.Gauge("process_threads", "Threads of the agent.", process.Threads.Count);
        text.Gauge("process_open_handles", "Open handles of the agent.", process.HandleCount);
    }

    private static string Label(Transport transport) => transport switch
    {
        Transport.Raw => "raw",
        Transport.SignalrJson => "signalr_json",
        _ => "signalr_messagepack",
    };

    private sealed class PrometheusText
    {
        private readonly StringBuilder _text = new();

        public void Family(string name, string type, string help) =>
            _text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

        public void Sample(string name, double value, params (string Name, string Value)[] labels)
        {
            _text.Append(name);
            if (labels.Length > 0)
            {
                _text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"")).Append('}');
            }

            _text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        public void Gauge(string name, string help, double value)
        {
            Family(name, "gauge", help);
            Sample(name, value);
        }

        public void Counter(string name, string help, double value)
        {
            Family(name, "counter", help);
            Sample(name, value);
        }

        public override string ToString() => _text.ToString();

        private static string Escape(string value) =>
            value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
