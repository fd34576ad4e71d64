using System.Collections.Concurrent;
using Agent.Host.Broadcasting;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// Holds hub connections to the shared connection budget: a connection over the cap fails in
/// <see cref="OnConnectedAsync"/> with an error that names the cap, and its slot is released however it ends.
/// </summary>
internal sealed class ConnectionCapFilter(ConnectionBudget budget, HubConnectionRegistry connections) : IHubFilter
{
    // By connection id. Not the connection's Items: SignalR creates that dictionary on first use, a third of a
    // kilobyte for each connection's life.
    private readonly ConcurrentDictionary<string, ConnectionLease> _leases = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var transport = connections.TransportOf(context.Context.ConnectionId);
        var lease = budget.TryReserve(transport)
            ?? throw new HubException($"maximum connections reached (max_clients={budget.MaxClients})");

        _leases[context.Context.ConnectionId] = lease;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            lease.Dispose();
            _leases.TryRemove(context.Context.ConnectionId, out _);
            throw;
        }
    }

    /// <inheritdoc/>
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception).ConfigureAwait(false);
        }
        finally
        {
            if (_leases.TryRemove(context.Context.ConnectionId, out var lease))
            {
                lease.Dispose();
            }
        }
    }
}
