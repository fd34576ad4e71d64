using Agent.Collectors.Hosting;
using Agent.Collectors.Ups;
using Agent.Contracts.Dtos.Ups;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;

namespace Agent.Host.Endpoints;

internal static class UpsEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/v1/ups</c>: the topic's payload (one UPS) as every snapshot route answers it, or with
    /// <c>?all=true</c> an array of every UPS the daemon serves (NUT can serve several; apcupsd serves one).
    /// </summary>
    public static IEndpointRouteBuilder MapUpsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var topic = TopicCatalog.UpsStatusUpdate;
        endpoints.MapGroup("/api/v1").WithTags("snapshots")
            .MapGet(topic.RestPath, (bool? all, TopicStore store, SourceHealthRegistry health, UpsInventory inventory) =>
                all is true && inventory.All is { Count: > 0 } every
                    ? Results.Json(every, AgentJson.Options)
                    : SnapshotEndpoints.Latest(topic, store, health))
            .WithName($"Get_{topic.Name}")
            .WithSummary($"The latest {topic.Name} payload; with all=true, every UPS of the daemon as an array.")
            .Produces(StatusCodes.Status200OK, topic.PayloadType)
            .Produces<IReadOnlyList<UpsStatus>>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}
