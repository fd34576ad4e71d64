using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

/// <summary>Every connected raw client; fans frames out to them and closes them all with 1001 on shutdown.</summary>
internal sealed class RawClientRegistry
{
    private readonly ClientSet<RawClient> _clients = new();

    public RawClientRegistry(IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStopping.Register(() => CloseAll(WebSocketCloseStatus.EndpointUnavailable, "server shutting down"));
    }

    public int Count => _clients.Count;

    public IReadOnlyList<RawClient> Clients => _clients.Snapshot;

    public void Add(RawClient client) => _clients.Set(client.Id, client);

    public void Remove(RawClient client) => _clients.Remove(client.Id);

    /// <summary>Offers <paramref name="frame"/> to every client: sent at once where the client keeps up, else queued.</summary>
    /// <remarks>
    /// One thread goes through the whole list: handing a frame to a client that keeps up queues it, or sends a large one
    /// in one system call, and the thread pool sends what was queued. Cutting the list into slices run side by side on two
    /// cores cost more in waits and wake-ups than it saved: the CPU per delivery nearly doubled.
    /// </remarks>
    public void Broadcast(RawFrame frame)
    {
        foreach (var client in _clients.Snapshot)
        {
            client.Offer(frame);
        }
    }

    private void CloseAll(WebSocketCloseStatus status, string reason)
    {
        foreach (var client in _clients.Snapshot)
        {
            client.RequestClose(status, reason);
        }
    }
}
