using System.Net.WebSockets;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

/// <summary>Every connected raw client; fans frames out to them and closes them all with 1001 on shutdown.</summary>
internal sealed class RawClientRegistry
{
    private static readonly Action<RawClient, RawFrame> s_offer = static (client, frame) => client.Offer(frame);

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
    public void Broadcast(RawFrame frame) => FanOut.ForEach(_clients.Snapshot, frame, s_offer);

    private void CloseAll(WebSocketCloseStatus status, string reason)
    {
        foreach (var client in _clients.Snapshot)
        {
            client.RequestClose(status, reason);
        }
    }
}
