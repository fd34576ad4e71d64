namespace Agent.Host.WebSockets;

/// <summary>The socket an upgrade served below the HTTP server opens.</summary>
internal enum UpgradeRoute
{
    /// <summary>The raw socket, <c>/api/v1/ws</c>.</summary>
    RawSocket,

    /// <summary>The hub, <c>/hubs/agent</c>, for a client that skips negotiation.</summary>
    Hub,
}
