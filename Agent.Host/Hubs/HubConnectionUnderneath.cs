using Agent.Host.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// What the hub needs of the connection under a hub client, whichever way it arrived: a WebSocket served below the HTTP
/// server (<see cref="HubSocketConnection"/>), or any transport through SignalR's HTTP endpoint, with its request.
/// </summary>
internal static class HubConnectionUnderneath
{
    /// <summary>The query parameter that names the groups a client joins at connect.</summary>
    public const string GroupsParameter = "groups";

    /// <summary>The <c>groups</c> query parameter the client connected with, if any.</summary>
    public static string? GroupsAtConnect(this HubCallerContext context) =>
        context.Features.Get<HubSocketConnection>() is { } socket
            ? socket.Groups
            : context.GetHttpContext()?.Request.Query[GroupsParameter].ToString();

    /// <summary>The client's address.</summary>
    public static string? RemoteAddress(this HubCallerContext context) =>
        context.Features.Get<HubSocketConnection>() is { } socket
            ? socket.RemoteAddress
            : context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();

    /// <summary>The stream under the client's WebSocket, which takes whole frames; none on another transport.</summary>
    public static PingFloodStream? Frames(this HubConnectionContext connection)
    {
        if (connection.Features.Get<HubSocketConnection>() is { } socket)
        {
            return socket.Frames;
        }

        return connection.Features.Get<IHttpTransportFeature>()?.TransportType == HttpTransportType.WebSockets
            ? connection.GetHttpContext()?.Features.Get<PingFloodGuard>()?.Watched
            : null;
    }

    /// <summary>Ends the TCP or HTTP connection under the hub connection at once.</summary>
    public static void AbortUnderneath(this HubConnectionContext connection)
    {
        if (connection.Features.Get<HubSocketConnection>() is { } socket)
        {
            socket.Abort();
            return;
        }

        try
        {
            connection.GetHttpContext()?.Abort();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // The request is over already: so is its connection.
        }
    }
}
