using System.Diagnostics;
using Agent.Collectors.Docker;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using Agent.Host.Configuration;
using Microsoft.Extensions.Options;

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
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
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

    private static async Task<IResult> RunActionAsync(
        string id,
        string action,
        HttpContext context,
        ContainerActions actions,
        IOptions<AgentOptions> options,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DockerEndpoints));
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (options.Value.ReadOnly)
        {
            DockerEndpointsLog.ContainerActionRefused(logger, remote, id, action);
            return Results.Json(
                new ApiError("container actions are disabled: the agent runs read-only (Agent:ReadOnly, READ_ONLY)"),
                AgentJson.Options,
                statusCode: StatusCodes.Status403Forbidden);
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = await actions.RunAsync(id, action, context.RequestAborted).ConfigureAwait(false);
        var status = StatusCode(outcome.Kind);
        DockerEndpointsLog.ContainerActionHandled(
            logger, remote, outcome.Container, action, outcome.Kind.ToString(), status, Stopwatch.GetElapsedTime(started));
        return Results.Json(outcome.Result, AgentJson.Options, statusCode: status);
    }

    private static int StatusCode(ContainerActionOutcomeKind kind) => kind switch
    {
        ContainerActionOutcomeKind.Succeeded => StatusCodes.Status200OK,
        ContainerActionOutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        ContainerActionOutcomeKind.NotFound => StatusCodes.Status404NotFound,
        ContainerActionOutcomeKind.Conflict => StatusCodes.Status409Conflict,
        ContainerActionOutcomeKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
