namespace Agent.Contracts.Dtos.Connections;

/// <summary>Open connections per transport.</summary>
public sealed record TransportCounts
{
    /// <summary>Raw WebSockets at <c>/api/v1/ws</c>.</summary>
    public int Raw { get; init; }

    /// <summary>SignalR connections using the JSON protocol.</summary>
    public int SignalrJson { get; init; }

    /// <summary>SignalR connections using the MessagePack protocol.</summary>
    public int SignalrMessagepack { get; init; }
}
