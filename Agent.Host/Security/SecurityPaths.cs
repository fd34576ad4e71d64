namespace Agent.Host.Security;

/// <summary>The routes the security middleware treats specially.</summary>
internal static class SecurityPaths
{
    public const string Health = "/api/v1/health";

    /// <summary>The raw WebSocket's path.</summary>
    public const string RawSocket = "/api/v1/ws";

    private const string Hubs = "/hubs";
    private const string Api = "/api";

    /// <summary>Whether <paramref name="path"/> leads to a real-time connection: the raw socket or the hub (negotiate included).</summary>
    public static bool IsSocket(PathString path) =>
        path.StartsWithSegments(RawSocket, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Hubs, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="path"/> is under the API or a socket route, which static files never answer.</summary>
    public static bool IsSocketOrApi(PathString path) => IsSocket(path) || path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="request"/> asks for a WebSocket upgrade.</summary>
    public static bool IsWebSocketUpgrade(HttpRequest request) =>
        request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
}
