namespace Agent.Host.Endpoints;

internal static class DiskEndpoints
{
    /// <summary>Maps /api/v1/disks/{id}.</summary>
    public static IEndpointRouteBuilder MapDiskEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
