namespace Agent.Host.Hubs;

internal static partial class HubLog
{
    [LoggerMessage(EventId = 1150, EventName = "ClientConnected", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} connected from {RemoteAddress} over {Transport}.")]
    public static partial void ClientConnected(ILogger logger, string connectionId, string remoteAddress, string transport);

    [LoggerMessage(EventId = 1151, EventName = "ClientDisconnected", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} disconnected.")]
    public static partial void ClientDisconnected(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1152, EventName = "ClientLost", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} was lost: {Reason}")]
    public static partial void ClientLost(ILogger logger, string connectionId, string reason, Exception exception);
}
