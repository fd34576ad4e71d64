namespace Agent.Host.Hubs;

internal static partial class HubLog
{
    // 1150-1152: the first numbers of these three events, in the raw sockets' block by mistake; retired.
    [LoggerMessage(EventId = 1000, EventName = "ClientConnected", Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Hub client {ConnectionId} connected from {RemoteAddress} over {Transport}.")]
    public static partial void ClientConnected(ILogger logger, string connectionId, string remoteAddress, string transport);

    [LoggerMessage(EventId = 1001, EventName = "ClientDisconnected", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} disconnected.")]
    public static partial void ClientDisconnected(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1002, EventName = "ClientLost", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} ended with an error.")]
    public static partial void ClientLost(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 1003, EventName = "SocketAborted", Level = LogLevel.Debug,
        Message = "Hub client {ConnectionId} went away without a close handshake.")]
    public static partial void SocketAborted(ILogger logger, string connectionId, Exception exception);
}
