using Agent.Contracts.Dtos.Connections;

namespace Agent.LoadTest;

/// <summary>Everything one load run measured; printed as tables and written as JSON.</summary>
internal sealed record LoadReport
{
    public required string Url { get; init; }

    public required string Transport { get; init; }

    public required IReadOnlyList<string> Groups { get; init; }

    public required int Clients { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>Seconds from the first connect to the stop, as measured.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>The cap as the agent reported it at the start.</summary>
    public required int MaxClients { get; init; }

    public required int Accepted { get; init; }

    public required int Refused { get; init; }

    /// <summary>Refusal reasons and how many clients got each.</summary>
    public required IReadOnlyDictionary<string, int> RefusalReasons { get; init; }

    /// <summary>Connect time of every client, accepted or refused, in milliseconds.</summary>
    public required Spread ConnectMilliseconds { get; init; }

    public required long EventsTotal { get; init; }

    public required double EventsPerClient { get; init; }

    public required double EventsPerSecond { get; init; }

    public required IReadOnlyList<TypeShare> ByType { get; init; }

    /// <summary>Events per accepted client.</summary>
    public required Spread PerClient { get; init; }

    public required int UnexpectedDisconnects { get; init; }

    public required ConnectionFigures AgentBefore { get; init; }

    /// <summary>The agent's figures at the stop, while every accepted client was still connected.</summary>
    public required ConnectionFigures AgentDuring { get; init; }

    /// <summary>The agent's figures after every client closed.</summary>
    public required ConnectionFigures AgentAfter { get; init; }

    public required IReadOnlyList<Check> Checks { get; init; }

    public required IReadOnlyList<ClientReport> ClientDetails { get; init; }

    public bool Passed => Checks.All(c => c.Passed);
}
