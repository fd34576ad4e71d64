using Agent.Contracts.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Host.Hubs;

internal static class AgentHubExtensions
{
    /// <summary>The largest hub message a client may send.</summary>
    public const int MaxReceiveMessageBytes = 64 * 1024;

    /// <summary>Registers SignalR with the JSON and MessagePack protocols, the cap filter and the queuing lifetime manager.</summary>
    public static IServiceCollection AddAgentHub(this IServiceCollection services)
    {
        services.TryAddSingleton<HubConnectionRegistry>();
        services.AddSingleton<HubLifetimeManager<AgentHub>, AgentHubLifetimeManager>();
        services.AddSignalR(o =>
            {
                o.EnableDetailedErrors = false;
                o.MaximumReceiveMessageSize = MaxReceiveMessageBytes;
                o.MaximumParallelInvocationsPerClient = 1;
            })
            .AddHubOptions<AgentHub>(o => o.AddFilter<ConnectionCapFilter>())
            .AddJsonProtocol(o => AgentJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol(o => o.SerializerOptions = AgentMessagePack.Options);
        services.TryAddSingleton<ConnectionCapFilter>();
        return services;
    }

    /// <summary>Maps the hub at <c>/hubs/agent</c>.</summary>
    public static IEndpointRouteBuilder MapAgentHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<AgentHub>("/hubs/agent", o =>
        {
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
            o.ApplicationMaxBufferSize = MaxReceiveMessageBytes;
        });
        return endpoints;
    }
}
