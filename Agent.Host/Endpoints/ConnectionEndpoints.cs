namespace Agent.Host.Endpoints;

internal static class ConnectionEndpoints
{
    /// <summary>Maps <c>GET /api/v1/connections</c>.</summary>
    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
