using Agent.Host.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Host.WebSockets;

internal static class RawWebSocketExtensions
{
    /// <summary>Registers the raw socket's client registry and endpoint.</summary>
    public static IServiceCollection AddRawWebSockets(this IServiceCollection services)
    {
        services.TryAddSingleton<RawClientRegistry>();
        services.TryAddSingleton<RawSocketEndpoint>();
        services.TryAddSingleton<UpgradeConnectionHandler>();
        return services;
    }

    /// <summary>Adds the ping-flood guard and, after it, the WebSocket middleware, for the raw socket and the hub.</summary>
    public static IApplicationBuilder UseRawWebSockets(this IApplicationBuilder app)
    {
        app.UseMiddleware<PingFloodMiddleware>();
        app.UseWebSockets();
        return app;
    }

    /// <summary>Maps <c>/api/v1/ws</c>.</summary>
    public static IEndpointRouteBuilder MapRawWebSocket(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(SecurityPaths.RawSocket, (HttpContext context, RawSocketEndpoint endpoint) => endpoint.HandleAsync(context))
            .WithName("RawWebSocket")
            .WithSummary("The Go agent's raw WebSocket: one JSON envelope per text frame.")
            .ExcludeFromDescription();
        return endpoints;
    }
}
