using Agent.Collectors.Hosting;
using Agent.Contracts.Clients;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;
using Agent.Host.Endpoints;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// The typed hub at <c>/hubs/agent</c>. Clients join groups (<c>system</c>, <c>array</c>, …) with
/// <see cref="Subscribe"/> or <c>?groups=</c> at connect, and get the latest value of each topic of a group on joining.
/// </summary>
internal sealed class AgentHub(
    TopicStore store,
    SourceHealthRegistry health,
    ContainerActionGateway containers,
    ILogger<AgentHub> logger) : Hub<IAgentHubClient>
{
    /// <summary>Joins <paramref name="groups"/> and sends the latest value of each of their topics to the caller.</summary>
    /// <exception cref="HubException">A group name is unknown; nothing is joined.</exception>
    public async Task Subscribe(string[] groups)
    {
        var wanted = Validate(groups);
        foreach (var group in wanted)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted).ConfigureAwait(false);
        }

        await SendLatestAsync(wanted).ConfigureAwait(false);
    }

    /// <summary>Leaves <paramref name="groups"/>.</summary>
    /// <exception cref="HubException">A group name is unknown; nothing is left.</exception>
    public async Task Unsubscribe(string[] groups)
    {
        foreach (var group in Validate(groups))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts, stops, restarts, pauses or unpauses a container, with the same answer as
    /// <c>POST /api/v1/docker/{id}/{action}</c>; the new state reaches the <c>containers</c> group from the Docker event.
    /// </summary>
    public async Task<ContainerActionResult> ContainerAction(string id, string action)
    {
        var (_, result) = await containers.RunAsync(id ?? "", action ?? "", RemoteAddress ?? "", Context.ConnectionAborted).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc/>
    public override async Task OnConnectedAsync()
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var transport = Context.Features.Get<IHttpTransportFeature>()?.TransportType.ToString() ?? "unknown";
            HubLog.ClientConnected(logger, Context.ConnectionId, RemoteAddress ?? "unknown", transport);
        }

        var query = Context.GroupsAtConnect();
        if (query is { Length: > 0 })
        {
            await Subscribe(query.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (exception is null)
        {
            HubLog.ClientDisconnected(logger, Context.ConnectionId);
        }
        else
        {
            // The transport or the server failed the connection (a WebSocket that stopped answering its keepalive, a
            // protocol error); a client that simply went away, even without SignalR's close message, ends without one.
            HubLog.ClientLost(logger, Context.ConnectionId, exception);
        }

        return Task.CompletedTask;
    }

    private string? RemoteAddress => Context.RemoteAddress();

    private static string[] Validate(string[]? groups)
    {
        if (groups is null || groups.Length == 0)
        {
            throw new HubException($"no group named; known groups: {string.Join(", ", TopicCatalog.GroupNames)}");
        }

        var unknown = groups.Where(g => g is null || !TopicCatalog.IsGroup(g)).ToArray();
        if (unknown.Length > 0)
        {
            throw new HubException(
                $"unknown group(s): {string.Join(", ", unknown.Select(g => $"'{g}'"))}; known groups: {string.Join(", ", TopicCatalog.GroupNames)}");
        }

        return [.. groups.Distinct(StringComparer.Ordinal)];
    }

    private async Task SendLatestAsync(IReadOnlyList<string> groups)
    {
        foreach (var topic in groups.SelectMany(TopicCatalog.InGroup))
        {
            if (store.GetLatest(topic) is { } latest)
            {
                await Broadcaster.SendToAsync(Clients.Caller, topic, latest.Payload).ConfigureAwait(false);
            }
        }

        // The health of each joined group's source, so a client can show "unavailable" without asking REST.
        foreach (var group in groups)
        {
            var status = health.Get(group).Snapshot();
            if (status.State != "unknown")
            {
                await Clients.Caller.SourceStatusChanged(status).ConfigureAwait(false);
            }
        }
    }
}
