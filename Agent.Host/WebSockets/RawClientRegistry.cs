using System.Collections.Concurrent;
using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

/// <summary>Every connected raw client; fans frames out to them and closes them all with 1001 on shutdown.</summary>
internal sealed class RawClientRegistry
{
    private readonly ConcurrentDictionary<string, RawClient> _clients = new(StringComparer.Ordinal);

    public RawClientRegistry(IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStopping.Register(() => CloseAll(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
    }

    public int Count => _clients.Count;

    public IEnumerable<RawClient> Clients => _clients.Values;

    public void Add(RawClient client) => _clients[client.Id] = client;

    public void Remove(RawClient client) => _clients.TryRemove(client.Id, out _);

    /// <summary>Offers <paramref name="frame"/> to every client; each one only queues it.</summary>
    public void Broadcast(RawFrame frame)
    {
        foreach (var client in _clients.Values)
        {
            client.Offer(frame);
        }
    }

    private void CloseAll(WebSocketCloseStatus status, string reason)
    {
        foreach (var client in _clients.Values)
        {
            client.RequestClose(status, reason);
        }
    }
}
