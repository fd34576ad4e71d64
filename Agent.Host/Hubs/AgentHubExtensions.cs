using Agent.Contracts.Serialization;
using Agent.Host.Configuration;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Host.Hubs;

internal static class AgentHubExtensions
{
    /// <summary>The largest hub message a client may send.</summary>
    public const int MaxReceiveMessageBytes = 64 * 1024;

    /// <summary>
    /// Registers SignalR with the JSON and MessagePack protocols, the cap filter, the queuing lifetime manager, and the
    /// client timeout and keepalive of <see cref="AgentOptions"/>.
    /// </summary>
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
            .AddJsonProtocol(o => AgentJson.Configure(o.PayloadSerializerOptions));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, DeferredMessagePackProtocol>());

        // The cap filter is a singleton and is added as one: the generic overload would compile a factory for it from an
        // expression tree, the only reason the agent would load System.Linq.Expressions.
        services.AddOptions<HubOptions>().Configure<IOptions<AgentOptions>, ConnectionCapFilter>((hub, agent, filter) =>
        {
            hub.AddFilter(filter);
            hub.ClientTimeoutInterval = TimeSpan.FromSeconds(agent.Value.HubClientTimeoutSeconds);
            hub.KeepAliveInterval = TimeSpan.FromSeconds(agent.Value.HubKeepAliveSeconds);
        });
        services.AddOptions<Microsoft.AspNetCore.Builder.WebSocketOptions>()
            .Configure<IOptions<AgentOptions>>((webSockets, agent) => ConfigureHubWebSockets(webSockets, agent.Value));
        services.TryAddSingleton<ConnectionCapFilter>();
        return services;
    }

    /// <summary>The hub's path; its negotiate is below it.</summary>
    public const string HubPath = "/hubs/agent";

    /// <summary>Maps the hub at <see cref="HubPath"/>.</summary>
    public static IEndpointRouteBuilder MapAgentHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<AgentHub>(HubPath, o =>
        {
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
            o.ApplicationMaxBufferSize = MaxReceiveMessageBytes;

            // Left off, as by default, and said so: a hub client on a WebSocket gets broadcasts beside SignalR's pipe
            // (see HubClient), where a replay buffer for stateful reconnect would not see them.
            o.AllowStatefulReconnects = false;
        });
        return endpoints;
    }

    // SignalR starts a connection's client timeout only at the client's first ping message, so a client that goes silent
    // right after its handshake would hold its slot until TCP gives up. The hub's WebSockets, accepted with the
    // middleware's defaults (the raw socket sets its own) or below the HTTP server with the same values
    // (WebSocketKeepAlive), also ping at the WebSocket level, and a socket whose pong does not come back is dropped. A
    // half-open client cannot answer, so the same silence ends it either way.
    // TODO: a Server-Sent Events client that never sends its first ping still keeps its slot until TCP gives up: SSE has
    // no keepalive below SignalR's, and a hub filter does not see pings. A watchdog on the connection's inbound pipe
    // (a connection middleware in front of the hub) would lift it.
    private static void ConfigureHubWebSockets(Microsoft.AspNetCore.Builder.WebSocketOptions webSockets, AgentOptions options) =>
        (webSockets.KeepAliveInterval, webSockets.KeepAliveTimeout) = WebSocketKeepAlive(options);

    /// <summary>
    /// How often a hub WebSocket pings a quiet client, and how long it then waits for the pong: through the HTTP server's
    /// WebSocket middleware and below it alike.
    /// </summary>
    public static (TimeSpan Interval, TimeSpan Timeout) WebSocketKeepAlive(AgentOptions options) =>
        (TimeSpan.FromSeconds(options.HubKeepAliveSeconds),
            TimeSpan.FromSeconds(Math.Max(1, options.HubClientTimeoutSeconds - options.HubKeepAliveSeconds)));
}
