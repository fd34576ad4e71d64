using Agent.Host.Broadcasting;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// Holds hub connections to the shared connection budget: a connection over the cap fails in
/// <see cref="OnConnectedAsync"/> with an error that names the cap, and its slot is released however it ends.
/// </summary>
internal sealed class ConnectionCapFilter(ConnectionBudget budget, HubConnectionRegistry connections) : IHubFilter
{
    private const string LeaseKey = "uma.lease";

    /// <inheritdoc/>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var transport = connections.TransportOf(context.Context.ConnectionId);
        var lease = budget.TryReserve(transport)
            ?? throw new HubException($"maximum connections reached (max_clients={budget.MaxClients})");

        context.Context.Items[LeaseKey] = lease;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            // SignalR does not call OnDisconnectedAsync for a connection whose OnConnectedAsync failed.
            lease.Dispose();
            context.Context.Items.Remove(LeaseKey);
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
            if (context.Context.Items.Remove(LeaseKey, out var lease))
            {
                ((ConnectionLease)lease!).Dispose();
            }
        }
    }
}
