namespace Agent.Host.Broadcasting;

/// <summary>The real-time transports, as counted in the connection figures.</summary>
internal enum Transport
{
    /// <summary>Raw WebSocket at <c>/api/v1/ws</c>.</summary>
    Raw,

    /// <summary>SignalR with the JSON protocol.</summary>
    SignalrJson,

    /// <summary>SignalR with the MessagePack protocol.</summary>
    SignalrMessagepack,
}
