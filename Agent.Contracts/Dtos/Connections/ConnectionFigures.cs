namespace Agent.Contracts.Dtos.Connections;

/// <summary>Live connection and delivery figures of the real-time transports (<c>GET /api/v1/connections</c>).</summary>
public sealed record ConnectionFigures
{
    /// <summary>Connections open now, over all transports.</summary>
    public int Current { get; init; }

    /// <summary>Most connections open at once since start.</summary>
    public int Peak { get; init; }

    /// <summary>The connection cap shared by all transports.</summary>
    public int MaxClients { get; init; }

    /// <summary>Connections accepted since start.</summary>
    public long AcceptedTotal { get; init; }

    /// <summary>Connections refused by the cap since start.</summary>
    public long RejectedTotal { get; init; }

    /// <summary>Accepted connections that have ended since start.</summary>
    public long DisconnectedTotal { get; init; }

    /// <summary>Connections open now, per transport.</summary>
    public TransportCounts ByTransport { get; init; } = new();

    /// <summary>Events published by the collectors since start.</summary>
    public long EventsPublishedTotal { get; init; }

    /// <summary>Frames written to clients since start, over all transports.</summary>
    public long DeliveriesTotal { get; init; }

    /// <summary>Pending updates replaced by a newer value of the same topic before a slow client took them.</summary>
    public long CoalescedTotal { get; init; }

    /// <summary>Clients closed because they accepted nothing for the write timeout.</summary>
    public long EvictedTotal { get; init; }

    /// <summary>Events published per second, averaged over the last minute.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>When the figures were taken.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
