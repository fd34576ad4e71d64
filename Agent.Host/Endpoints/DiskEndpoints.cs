using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;

namespace Agent.Host.Endpoints;

internal static class DiskEndpoints
{
    /// <summary>Maps /api/v1/disks/{id}.</summary>
    public static IEndpointRouteBuilder MapDiskEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/disks/{id}", (string id, TopicStore store, SourceHealthRegistry health) => Disk(id, store, health))
            .WithTags("snapshots")
            .WithName("Get_disk")
            .WithSummary("One disk of the latest disk_list_update, by its slot id (parity, disk1, cache, flash).")
            .Produces<DiskStatus>(StatusCodes.Status200OK)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static IResult Disk(string id, TopicStore store, SourceHealthRegistry health)
    {
        if (store.GetLatest(TopicCatalog.DiskListUpdate)?.Payload is not IReadOnlyList<DiskStatus> disks)
        {
            return SnapshotEndpoints.Latest(TopicCatalog.DiskListUpdate, store, health);
        }

        return disks.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal)) is { } disk
            ? Results.Json(disk, AgentJson.Options)
            : Results.Json(new ApiError($"no disk with id '{id}'"), AgentJson.Options, statusCode: StatusCodes.Status404NotFound);
    }
}
