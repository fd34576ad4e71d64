using System.Collections.Concurrent;
using Agent.Host.Broadcasting;

namespace Agent.Host.Hubs;

/// <summary>The hub connections and their group memberships, as the lifetime manager tracks them.</summary>
internal sealed class HubConnectionRegistry
{
    private readonly ClientSet<HubClient> _clients = new();
    private readonly ConcurrentDictionary<string, ClientSet<HubClient>> _groups = new(StringComparer.Ordinal);

    public HubClient[] All => _clients.Snapshot;

    public void Add(HubClient client) => _clients.Set(client.Connection.ConnectionId, client);

    public HubClient? Remove(string connectionId)
    {
        foreach (var members in _groups.Values)
        {
            members.Remove(connectionId);
        }

        return _clients.Remove(connectionId);
    }

    public HubClient? Find(string connectionId) => _clients.Find(connectionId);

    /// <summary>The transport of a connection; JSON when the connection is not (or no longer) known.</summary>
    public Transport TransportOf(string connectionId) => Find(connectionId)?.Transport ?? Transport.SignalrJson;

    public void Join(string connectionId, string group)
    {
        if (Find(connectionId) is { } client)
        {
            _groups.GetOrAdd(group, _ => new ClientSet<HubClient>()).Set(connectionId, client);
        }
    }

    public void Leave(string connectionId, string group)
    {
        if (_groups.TryGetValue(group, out var members))
        {
            members.Remove(connectionId);
        }
    }

    public HubClient[] InGroup(string group) => _groups.TryGetValue(group, out var members) ? members.Snapshot : [];
}
