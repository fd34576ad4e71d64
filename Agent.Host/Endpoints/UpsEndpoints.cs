namespace Agent.Host.Endpoints;

internal static class UpsEndpoints
{
    /// <summary>Maps /api/v1/ups?all=true.</summary>
    public static IEndpointRouteBuilder MapUpsEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
