namespace Agent.Host.WebSockets;

/// <summary>The limits every raw client is served with, read once from the options.</summary>
/// <param name="WriteTimeout">How long a client may accept nothing before it is closed.</param>
/// <param name="MaxMessagesPerSecond">Inbound messages a second above which a client is closed with 1008.</param>
/// <param name="SendSnapshots">Whether a filter change is followed by the latest value of each passing topic.</param>
internal sealed record RawClientSettings(TimeSpan WriteTimeout, int MaxMessagesPerSecond, bool SendSnapshots);
