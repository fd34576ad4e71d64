namespace Agent.Contracts.Dtos.Containers;

/// <summary>One port of a container.</summary>
public sealed record PortMapping
{
    /// <summary>Port inside the container.</summary>
    public int PrivatePort { get; init; }

    /// <summary>Port published on the host; 0 when not published.</summary>
    public int PublicPort { get; init; }

    /// <summary>Protocol: <c>tcp</c>, <c>udp</c> or <c>sctp</c>.</summary>
    public string Type { get; init; } = "tcp";
}
