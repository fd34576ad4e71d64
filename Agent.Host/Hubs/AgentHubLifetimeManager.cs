using Agent.Contracts.Dtos.Sources;
using Agent.Host.Broadcasting;
using Agent.Host.Configuration;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Agent.Host.Hubs;

/// <summary>
/// SignalR's default lifetime manager writes a group broadcast to every member inline, so one stalled member holds up
/// the caller. This one serializes the message once per protocol its members use, before the fan-out, and queues it in
/// each member's <see cref="HubClient"/> outbox; the call returns at once.
/// </summary>
internal sealed class AgentHubLifetimeManager(
    HubConnectionRegistry registry,
    DeliveryStatistics statistics,
    IOptions<AgentOptions> options,
    ILogger<DefaultHubLifetimeManager<AgentHub>> baseLogger,
    ILogger<AgentHubLifetimeManager> logger) : DefaultHubLifetimeManager<AgentHub>(baseLogger)
{
    // Both hub encodings as bits of SerializeOnce's mask: once both are written, the rest of the members need no look.
    private static readonly int s_hubEncodings = (1 << (int)Transport.SignalrJson) | (1 << (int)Transport.SignalrMessagepack);

    private readonly TimeSpan _writeTimeout = TimeSpan.FromSeconds(options.Value.WriteTimeoutSeconds);

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        var client = new HubClient(connection, statistics, _writeTimeout, logger);
        registry.Add(client);
        client.StartAfterHandshake();
        await base.OnConnectedAsync(connection).ConfigureAwait(false);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        if (registry.Remove(connection.ConnectionId) is { } client)
        {
            await client.StopAsync().ConfigureAwait(false);
        }

        await base.OnDisconnectedAsync(connection).ConfigureAwait(false);
    }

    public override Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        registry.Join(connectionId, groupName);
        return base.AddToGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        registry.Leave(connectionId, groupName);
        return base.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Offer(registry.All, methodName, args);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Offer(registry.InGroup(groupName), methodName, args);

    public override Task SendGroupsAsync(
        IReadOnlyList<string> groupNames,
        string methodName,
        object?[] args,
        CancellationToken cancellationToken = default) =>
        Offer([.. groupNames.SelectMany(registry.InGroup).DistinctBy(c => c.Connection.ConnectionId)], methodName, args);

    // One client's own sends are the snapshots it gets when it joins a group: a broadcast already waiting for it is at
    // least as new, so the snapshot does not replace it (a source's status read just before a collector reported a new
    // one would otherwise overwrite the newer one, and nothing would correct it).
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        registry.Find(connectionId) is { } client ? Offer([client], methodName, args, replace: false) : Task.CompletedTask;

    private Task Offer(HubClient[] clients, string methodName, object?[] args, bool replace = true)
    {
        if (clients.Length == 0)
        {
            return Task.CompletedTask;
        }

        var key = args is [SourceStatus status] ? $"{methodName}:{status.Subsystem}" : methodName;
        var message = new HubBroadcast(new SerializedHubMessage(new InvocationMessage(methodName, args)));
        SerializeOnce(message, clients);

        // One thread for the whole list, as for the raw socket (RawClientRegistry.Broadcast says why).
        foreach (var client in clients)
        {
            client.Deliver(key, message, replace);
        }

        return Task.CompletedTask;
    }

    // Writes the message once in every encoding the members use, before the fan-out: each member's connection then
    // copies the same bytes. Doing it here rather than on the first member's write is what lets it be counted.
    private void SerializeOnce(HubBroadcast message, HubClient[] clients)
    {
        var written = 0;
        foreach (var client in clients)
        {
            if (written == s_hubEncodings)
            {
                return;
            }

            var transport = 1 << (int)client.Transport;
            if ((written & transport) != 0)
            {
                continue;
            }

            written |= transport;
            message.Prepare(client);
            statistics.Serialized(client.Transport);
        }
    }
}
