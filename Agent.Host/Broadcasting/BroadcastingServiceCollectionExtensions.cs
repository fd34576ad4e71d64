using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Host.Broadcasting;

internal static class BroadcastingServiceCollectionExtensions
{
    /// <summary>Registers the connection budget, the delivery figures and the broadcaster.</summary>
    public static IServiceCollection AddAgentBroadcasting(this IServiceCollection services)
    {
        services.TryAddSingleton<ConnectionBudget>();
        services.TryAddSingleton<DeliveryStatistics>();
        services.TryAddSingleton<Broadcaster>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcaster>());
        return services;
    }
}
