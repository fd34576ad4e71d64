using System.Globalization;
using System.Net.Http.Json;
using Agent.Contracts.Dtos.Connections;
using Agent.Contracts.Serialization;

namespace Agent.LoadTest;

/// <summary>The agent's REST figures: <c>GET /api/v1/connections</c> and the process gauges of <c>GET /metrics</c>.</summary>
internal sealed class AgentApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };

    public async Task<ConnectionFigures> GetFiguresAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _http.GetFromJsonAsync<ConnectionFigures>("api/v1/connections", AgentJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new LoadTestException("GET /api/v1/connections answered null.");
        }
        catch (HttpRequestException ex)
        {
            throw new LoadTestException($"GET {baseAddress}api/v1/connections failed: {ex.Message}", ex);
        }
    }

    /// <summary>The <c>process_*</c> gauges of <c>/metrics</c>, by metric name.</summary>
    public async Task<IReadOnlyDictionary<string, double>> GetProcessMetricsAsync(CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync("metrics", cancellationToken).ConfigureAwait(false);
        return ParseProcessMetrics(text);
    }

    /// <summary>Reads unlabelled <c>process_*</c> samples of Prometheus' text format (<c>name value</c> per line).</summary>
    public static IReadOnlyDictionary<string, double> ParseProcessMetrics(string text)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0].StartsWith("process_", StringComparison.Ordinal)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[parts[0]] = value;
            }
        }

        return values;
    }

    public void Dispose() => _http.Dispose();
}
