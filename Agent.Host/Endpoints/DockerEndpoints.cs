using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;

namespace Agent.Host.Endpoints;

internal static class DockerEndpoints
{
    /// <summary>Maps /api/v1/docker/{id} and the container actions.</summary>
    public static IEndpointRouteBuilder MapDockerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var docker = endpoints.MapGroup("/api/v1/docker").WithTags("docker");
        docker.MapGet("{id}", GetContainer)
            .WithName("GetContainer")
            .WithSummary("One container of the latest container_list_update, by 12- or 64-hex id or by name.")
            .Produces<ContainerStatus>()
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        docker.MapPost("{id}/{action}", RunActionAsync)
            .WithName("RunContainerAction")
            .WithSummary("Starts, stops, restarts, pauses or unpauses a container.")
            .Produces<ContainerActionResult>()
            .Produces<ContainerActionResult>(StatusCodes.Status400BadRequest)
            .Produces<ContainerActionResult>(StatusCodes.Status403Forbidden)
            .Produces<ContainerActionResult>(StatusCodes.Status404NotFound)
            .Produces<ContainerActionResult>(StatusCodes.Status409Conflict)
            .Produces<ContainerActionResult>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static IResult GetContainer(string id, TopicStore store, SourceHealthRegistry health)
    {
        var topic = TopicCatalog.ContainerListUpdate;
        if (store.GetLatest(topic)?.Payload is not IReadOnlyList<ContainerStatus> containers)
        {
            return SnapshotEndpoints.Latest(topic, store, health);
        }

        var key = id.Length == 64 ? id[..12] : id;
        var container = containers.FirstOrDefault(c => string.Equals(c.Id, key, StringComparison.OrdinalIgnoreCase))
            ?? containers.FirstOrDefault(c => string.Equals(c.Name, id, StringComparison.Ordinal));
        return container is null
            ? Results.Json(new ApiError($"no container '{id}'"), AgentJson.Options, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(container, AgentJson.Options);
    }

    private static async Task<IResult> RunActionAsync(string id, string action, HttpContext context, ContainerActionGateway gateway)
    {
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "";
        var (status, result) = await gateway.RunAsync(id, action, remote, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(result, AgentJson.Options, statusCode: status);
    }
}
