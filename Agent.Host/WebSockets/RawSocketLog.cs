using System.Net.WebSockets;

namespace Agent.Host.WebSockets;

internal static partial class RawSocketLog
{
    [LoggerMessage(EventId = 1100, EventName = "ClientConnected", Level = LogLevel.Debug,
        Message = "Raw client {ConnectionId} connected from {RemoteAddress} {Entry}.")]
    public static partial void ClientConnected(ILogger logger, string connectionId, string remoteAddress, string entry);

    [LoggerMessage(EventId = 1101, EventName = "ClientDisconnected", Level = LogLevel.Debug,
        Message = "Raw client {ConnectionId} disconnected.")]
    public static partial void ClientDisconnected(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1102, EventName = "ClientClosedByServer", Level = LogLevel.Information,
        Message = "Closing raw client {ConnectionId} with {CloseStatus}: {Reason}.")]
    public static partial void ClientClosedByServer(ILogger logger, string connectionId, WebSocketCloseStatus closeStatus, string reason);

    [LoggerMessage(EventId = 1103, EventName = "ClientAborted", Level = LogLevel.Debug,
        Message = "Raw client {ConnectionId} went away without a close handshake.")]
    public static partial void ClientAborted(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(EventId = 1104, EventName = "UpgradeRefused", Level = LogLevel.Debug,
        Message = "Raw upgrade from {RemoteAddress} refused: the connection cap of {MaxClients} is reached.")]
    public static partial void UpgradeRefused(ILogger logger, string remoteAddress, int maxClients);

    [LoggerMessage(EventId = 1105, EventName = "FilterChanged", Level = LogLevel.Trace,
        Message = "Raw client {ConnectionId} now receives {Filter}.")]
    public static partial void FilterChanged(ILogger logger, string connectionId, string filter);

    [LoggerMessage(EventId = 1106, EventName = "PingFlood", Level = LogLevel.Information,
        Message = "Closing the WebSocket on {RequestPath} from {RemoteAddress} with 1008: more than {MaxPingsPerSecond} pings a second.")]
    public static partial void PingFlood(ILogger logger, string requestPath, string remoteAddress, int maxPingsPerSecond);
}
