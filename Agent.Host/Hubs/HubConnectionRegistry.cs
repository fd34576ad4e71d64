using System.Collections.Concurrent;
using Agent.Host.Broadcasting;

namespace Agent.Host.Hubs;

/// <summary>The hub connections and their group memberships, as the lifetime manager tracks them.</summary>
internal sealed class HubConnectionRegistry
{
    private readonly ConcurrentDictionary<string, HubClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubClient>> _groups = new(StringComparer.Ordinal);

    public IEnumerable<HubClient> All => _clients.Values;

    public void Add(HubClient client) => _clients[client.Connection.ConnectionId] = client;

    public HubClient? Remove(string connectionId)
    {
        foreach (var members in _groups.Values)
        {
            members.TryRemove(connectionId, out _);
        }

        return _clients.TryRemove(connectionId, out var client) ? client : null;
    }

    public HubClient? Find(string connectionId) => _clients.GetValueOrDefault(connectionId);

    /// <summary>The transport of a connection; JSON when the connection is not (or no longer) known.</summary>
    public Transport TransportOf(string connectionId) => Find(connectionId)?.Transport ?? Transport.SignalrJson;

    public void Join(string connectionId, string group)
    {
        if (Find(connectionId) is { } client)
        {
            _groups.GetOrAdd(group, _ => new ConcurrentDictionary<string, HubClient>(StringComparer.Ordinal))[connectionId] = client;
        }
    }

    public void Leave(string connectionId, string group)
    {
        if (_groups.TryGetValue(group, out var members))
        {
            members.TryRemove(connectionId, out _);
        }
    }

    public IEnumerable<HubClient> InGroup(string group) =>
        _groups.TryGetValue(group, out var members) ? members.Values : [];
}
