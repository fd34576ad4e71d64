using Agent.Collectors.Hosting;
using Agent.Collectors.Ups;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;

namespace Agent.Host.Endpoints;

internal static class SnapshotEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/v1/{topic}</c> for every topic of the catalogue that has a REST path, plus
    /// <c>GET /api/v1/snapshot</c> with the latest value of every topic.
    /// </summary>
    public static IEndpointRouteBuilder MapSnapshotEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("snapshots");
        // The ups route is mapped by UpsEndpoints, which adds ?all=true.
        var generic = TopicCatalog.All.Where(t => t.RestPath is { Length: > 0 } && t != TopicCatalog.UpsStatusUpdate);
        foreach (var topic in generic)
        {
            api.MapGet(topic.RestPath, (TopicStore store, SourceHealthRegistry health) => Latest(topic, store, health))
                .WithName($"Get_{topic.Name}")
                .WithSummary($"The latest {topic.Name} payload.")
                .Produces(StatusCodes.Status200OK, topic.PayloadType)
                .Produces<ApiError>(StatusCodes.Status404NotFound)
                .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        }

        api.MapGet("snapshot", (TopicStore store, UpsInventory ups, SourceHealthRegistry health) => Results.Json(
                Snapshot(store, ups, health),
                AgentJson.Options))
            .WithName("GetSnapshot")
            .WithSummary("The latest payload of every topic by name, every UPS under 'ups', every source's status under 'sources'.");
        return endpoints;
    }

    // source_status_changed holds only the last subsystem that changed; 'sources' has every subsystem's status.
    private static Dictionary<string, object> Snapshot(TopicStore store, UpsInventory ups, SourceHealthRegistry health)
    {
        var snapshot = store.GetAllLatest().ToDictionary(p => p.Topic.Name, p => p.Payload);
        if (ups.All is { Count: > 0 } all)
        {
            snapshot["ups"] = all;
        }

        snapshot["sources"] = health.All.Select(s => s.Snapshot()).ToList();
        return snapshot;
    }

    /// <summary>
    /// The latest payload of <paramref name="topic"/>: 200 with it; 404 while its source is absent; 503 before the
    /// first collection.
    /// </summary>
    public static IResult Latest(Topic topic, TopicStore store, SourceHealthRegistry health)
    {
        if (store.GetLatest(topic) is { } publication)
        {
            return Results.Json(publication.Payload, AgentJson.Options);
        }

        var source = health.Get(topic.Group);
        return source.IsUnavailable
            ? Results.Json(new ApiError($"source '{topic.Group}' is not available: {source.Snapshot().Reason}"), AgentJson.Options, statusCode: 404)
            : Results.Json(new ApiError($"no {topic.Name} has been collected yet"), AgentJson.Options, statusCode: 503);
    }
}
