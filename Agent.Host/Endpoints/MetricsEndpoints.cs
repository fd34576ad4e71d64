namespace Agent.Host.Endpoints;

internal static class MetricsEndpoints
{
    /// <summary>Maps <c>GET /metrics</c>.</summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
