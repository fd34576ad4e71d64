using Agent.Host.Broadcasting;
using Agent.Host.WebSockets;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// One hub connection's outbox and delivery pump. A broadcast is written at once while the connection keeps up, and
/// queued otherwise, so a stalled connection holds up nobody: its pending updates coalesce per topic, and after the
/// write timeout it is aborted.
/// </summary>
/// <remarks>
/// On a WebSocket, a broadcast's frame, written once for every member, goes straight to the stream under the socket,
/// as the raw socket's do (and on a connection in clear, from there to the socket itself: <see cref="SocketWriter"/>):
/// through SignalR it would be copied into the connection's pipe, read by the transport on another thread and copied
/// again into the socket's send buffer. SignalR's own messages (the handshake answer,
/// completions, pings, the close message) keep their path; the stream keeps each frame whole and waits out a message
/// the socket sends in fragments. Stateful reconnect stays off for this reason: its replay buffer would miss these frames.
/// </remarks>
internal sealed class HubClient : DeliveryPump<HubBroadcast>
{
    private readonly DeliveryStatistics _statistics;
    private readonly TimeSpan _writeTimeout;
    private readonly ILogger _logger;
    private readonly PingFloodStream? _frames;

    public HubClient(HubConnectionContext connection, DeliveryStatistics statistics, TimeSpan writeTimeout, ILogger logger)
    {
        Connection = connection;
        Transport = connection.Protocol.Name == DeferredMessagePackProtocol.ProtocolName
            ? Transport.SignalrMessagepack
            : Transport.SignalrJson;
        _statistics = statistics;
        _writeTimeout = writeTimeout;
        _logger = logger;
        _frames = connection.Frames();
    }

    public HubConnectionContext Connection { get; }

    public Transport Transport { get; }

    /// <inheritdoc/>
    protected override TimeSpan WriteTimeout => _writeTimeout;

    /// <summary>Sends or queues <paramref name="message"/>.</summary>
    /// <param name="key">The coalescing key.</param>
    /// <param name="message">The message.</param>
    /// <param name="replace">
    /// Whether it replaces a waiting message with the same key; a snapshot sent to one client passes
    /// <see langword="false"/>, because a broadcast already waiting is at least as new.
    /// </param>
    public void Deliver(string key, HubBroadcast message, bool replace = true)
    {
        if (Offer(key, message, replace) == EnqueueResult.Replaced)
        {
            _statistics.Coalesced();
        }
    }

    /// <summary>
    /// Starts sending once the client can read what is sent: on a WebSocket, after the handshake answer, the first
    /// message SignalR writes (a join snapshot written beside it could otherwise overtake it); elsewhere at once.
    /// </summary>
    public void StartAfterHandshake()
    {
        if (_frames is { } frames)
        {
            frames.AfterFirstMessage(Start);
        }
        else
        {
            Start();
        }
    }

    // Started here too, in case the connection ended before its handshake answer went out: the pump then only finishes.
    public Task StopAsync()
    {
        Complete();
        Start();
        return Finished;
    }

    /// <inheritdoc/>
    protected override ValueTask SendAsync(HubBroadcast item) =>
        _frames is { } frames && item.FrameFor(Transport) is { IsEmpty: false } frame
            ? frames.WriteMessageAsync(frame)
            : Connection.WriteAsync(item.Message, CancellationToken.None);

    /// <inheritdoc/>
    protected override void OnDelivered() => _statistics.Delivered(Transport);

    // A stalled client cannot take a close either: the TCP or HTTP connection under the hub connection is aborted too. On
    // a socket in clear that also ends a send the socket has under way (a pong, say), which nothing else would end while
    // the client reads nothing, and which would hold SignalR's own close behind it.
    /// <inheritdoc/>
    protected override void OnStalled()
    {
        _statistics.Evicted();
        BroadcastingLog.ClientEvicted(_logger, Transport, Connection.ConnectionId, _writeTimeout.TotalSeconds);
        Connection.Abort();
        Connection.AbortUnderneath();
    }

    // The connection ended while a message was being written; SignalR cleans it up.
    /// <inheritdoc/>
    protected override void OnSendFailed(Exception exception)
    {
    }
}
