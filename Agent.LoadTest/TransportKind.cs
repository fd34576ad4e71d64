namespace Agent.LoadTest;

/// <summary>How one load client talks to the agent.</summary>
internal enum TransportKind
{
    /// <summary>The raw WebSocket at <c>/api/v1/ws</c>.</summary>
    Raw,

    /// <summary>The hub at <c>/hubs/agent</c> with the JSON protocol.</summary>
    SignalrJson,

    /// <summary>The hub at <c>/hubs/agent</c> with the MessagePack protocol.</summary>
    SignalrMessagepack,
}
