namespace Agent.Host.WebSockets;

/// <summary>What serving one raw client needs to know of the upgrade that opened it.</summary>
/// <param name="Id">The client's id in the log: the request's trace id, or the connection's id below HTTP.</param>
/// <param name="RemoteAddress">The client's address, for the log.</param>
/// <param name="Entry">How the upgrade arrived: <see cref="BelowHttp"/> or <see cref="ThroughHttp"/>.</param>
/// <param name="SendSnapshots">Whether the latest value of each topic follows the upgrade and every filter change.</param>
internal sealed record RawSession(string Id, string RemoteAddress, string Entry, bool SendSnapshots)
{
    /// <summary>Served by <see cref="UpgradeConnectionHandler"/>, the connection's first request.</summary>
    public const string BelowHttp = "below HTTP";

    /// <summary>Served by <see cref="RawSocketEndpoint"/> through the HTTP server.</summary>
    public const string ThroughHttp = "through HTTP";
}
