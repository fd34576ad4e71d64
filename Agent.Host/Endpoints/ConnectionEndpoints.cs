using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Connections;
using Agent.Host.Broadcasting;

namespace Agent.Host.Endpoints;

internal static class ConnectionEndpoints
{
    /// <summary>Maps <c>GET /api/v1/connections</c>.</summary>
    public static IEndpointRouteBuilder MapConnectionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/connections", (ConnectionBudget budget, DeliveryStatistics statistics, TopicStore store, TimeProvider time) =>
                TypedResults.Ok(Figures(budget, statistics, store, time)))
            .WithName("GetConnections")
            .WithTags("connections")
            .WithSummary("Live connection and delivery figures of the real-time transports.");
        return endpoints;
    }

    public static ConnectionFigures Figures(ConnectionBudget budget, DeliveryStatistics statistics, TopicStore store, TimeProvider time) =>
        new()
        {
            Current = budget.Current,
            Peak = budget.Peak,
            MaxClients = budget.MaxClients,
            AcceptedTotal = budget.AcceptedTotal,
            RejectedTotal = budget.RejectedTotal,
            DisconnectedTotal = budget.DisconnectedTotal,
            ByTransport = new TransportCounts
            {
                Raw = budget.OpenOn(Transport.Raw),
                SignalrJson = budget.OpenOn(Transport.SignalrJson),
                SignalrMessagepack = budget.OpenOn(Transport.SignalrMessagepack),
            },
            EventsPublishedTotal = store.PublishedTotal,
            DeliveriesTotal = statistics.DeliveriesTotal,
            CoalescedTotal = statistics.CoalescedTotal,
            EvictedTotal = statistics.EvictedTotal,
            EventsPerSecond = Math.Round(statistics.EventsPerSecond(), 3),
            Timestamp = time.GetLocalNow(),
        };
}
