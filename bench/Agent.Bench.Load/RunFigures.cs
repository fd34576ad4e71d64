using System.Text.Json.Nodes;
using Agent.Bench.Payloads;

namespace Agent.Bench.Load;

/// <summary>Turns one run's counts into the figures of the result file.</summary>
internal static class RunFigures
{
    public static JsonObject Describe(
        RunSpec run,
        string mode,
        int connected,
        Recorder recorder,
        JsonNode answer,
        double elapsedSeconds,
        double wallSeconds,
        double serverCpuSeconds,
        double clientCpuSeconds)
    {
        var delivered = recorder.Count;
        var published = answer["published"]?.GetValue<long>() ?? 0;
        var allocated = (answer["allocatedBytes"] ?? answer["allocated_bytes"])?.GetValue<long>() ?? -1;
        var serialized = answer["serializations"]?.GetValue<long>() ?? -1;
        var samples = recorder.Samples();
        var clientShare = clientCpuSeconds / elapsedSeconds;
        var serverShare = serverCpuSeconds / elapsedSeconds;
        return new JsonObject
        {
            ["topic"] = run.Topic,
            ["mode"] = mode,
            ["rate"] = run.Rate,
            ["seconds"] = Math.Round(elapsedSeconds, 3),
            ["wall_seconds"] = Math.Round(wallSeconds, 3),
            ["published"] = published,
            ["expected_deliveries"] = published * connected,
            ["deliveries"] = delivered,
            ["deliveries_per_second"] = Math.Round(delivered / elapsedSeconds, 1),
            ["clients_lost"] = recorder.Lost,
            ["first_loss"] = recorder.FirstLoss,
            ["latency_samples"] = samples.Length,
            ["latency_p50_ms"] = Percentile(samples, 0.50),
            ["latency_p99_ms"] = Percentile(samples, 0.99),
            ["latency_max_ms"] = samples.Length > 0 ? Math.Round(samples[^1], 3) : null,
            ["server_cpu_seconds"] = Math.Round(serverCpuSeconds, 3),
            ["client_cpu_seconds"] = Math.Round(clientCpuSeconds, 3),
            ["server_cores"] = Math.Round(serverShare, 3),
            ["client_cores"] = Math.Round(clientShare, 3),
            ["client_saturated"] = clientShare >= ProcSample.SaturatedCoreShare,
            ["server_cpu_seconds_per_million"] = delivered > 0 ? Math.Round(serverCpuSeconds / delivered * 1e6, 3) : null,
            ["server_allocated_bytes"] = allocated,
            ["allocated_bytes_per_delivery"] = allocated >= 0 && delivered > 0 ? Math.Round((double)allocated / delivered, 1) : null,
            ["allocated_bytes_per_event"] = allocated >= 0 && published > 0 ? Math.Round((double)allocated / published, 1) : null,
            ["server_serializations"] = serialized,
            ["serializations_per_event"] = serialized >= 0 && published > 0 ? Math.Round((double)serialized / published, 3) : null,
        };
    }

    private static double? Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return Math.Round(sorted[Math.Clamp(index, 0, sorted.Length - 1)], 3);
    }
}
