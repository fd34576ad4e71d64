namespace Agent.Host.Broadcasting;

internal static partial class BroadcastingLog
{
    [LoggerMessage(EventId = 1300, EventName = "CapReached", Level = LogLevel.Warning,
        Message = "Connection cap of {MaxClients} reached; refusing {Transport} connections until a slot frees (later refusals are counted).")]
    public static partial void CapReached(ILogger logger, int maxClients, Transport transport);

    [LoggerMessage(EventId = 1301, EventName = "ClientEvicted", Level = LogLevel.Warning,
        Message = "Closing {Transport} client {ConnectionId}: it accepted nothing for {TimeoutSeconds} s.")]
    public static partial void ClientEvicted(ILogger logger, Transport transport, string connectionId, double timeoutSeconds);

    [LoggerMessage(EventId = 1302, EventName = "BroadcastFailed", Level = LogLevel.Error,
        Message = "Broadcasting '{Topic}' failed.")]
    public static partial void BroadcastFailed(ILogger logger, string topic, Exception exception);
}
