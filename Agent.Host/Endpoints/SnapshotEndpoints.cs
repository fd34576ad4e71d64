using Agent.Collectors.Hosting;
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
        foreach (var topic in TopicCatalog.All.Where(t => t.RestPath is { Length: > 0 }))
        {
            api.MapGet(topic.RestPath, (TopicStore store, SourceHealthRegistry health) => Latest(topic, store, health))
                .WithName($"Get_{topic.Name}")
                .WithSummary($"The latest {topic.Name} payload.")
                .Produces(StatusCodes.Status200OK, topic.PayloadType)
                .Produces<ApiError>(StatusCodes.Status404NotFound)
                .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        }

        api.MapGet("snapshot", (TopicStore store) => Results.Json(
                store.GetAllLatest().ToDictionary(p => p.Topic.Name, p => p.Payload),
                AgentJson.Options))
            .WithName("GetSnapshot")
            .WithSummary("The latest payload of every topic that has one, by topic name.");
        return endpoints;
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
