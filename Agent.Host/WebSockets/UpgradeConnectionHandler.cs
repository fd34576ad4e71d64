using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Agent.Host.Broadcasting;
using Agent.Host.Configuration;
using Agent.Host.Hubs;
using Agent.Host.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Agent.Host.WebSockets;

/// <summary>
/// Serves the raw socket and the hub's WebSocket below the HTTP server when a connection opens with the upgrade, as nearly
/// every legacy client and every hub client that skips negotiation does. Such a client stays for hours; through the HTTP
/// server it would keep that server's per-request state (headers, pipes, parser and state machines) for all that time,
/// here it keeps only the connection and the socket. The handler reads the first request without consuming it and takes
/// the connection only when the upgrade is valid, its token and origin pass and there is room; every other connection,
/// and every refusal, goes on to the HTTP server untouched, which answers it exactly as before
/// (<see cref="RawSocketEndpoint"/>, SignalR's endpoint). A hub client that negotiated goes through the HTTP server too:
/// its connection was made by SignalR's negotiate, and only SignalR's endpoint knows it.
/// </summary>
internal sealed class UpgradeConnectionHandler(
    RawSocketEndpoint endpoint,
    HubConnectionHandler<AgentHub> hubs,
    ConnectionBudget budget,
    ApiTokenCheck tokens,
    OriginPolicy origins,
    IOptions<AgentOptions> options,
    IOptions<LimitsOptions> limits,
    ILogger<RawSocketEndpoint> logger,
    ILogger<HubSocketConnection> hubLogger)
{
    // RFC 6455 §1.3: the accept header is SHA-1 of the client's key and this GUID, in base64.
    private static readonly byte[] s_keyGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"u8.ToArray();

    private static readonly byte[] s_requestTimeout =
        "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    private readonly int _maxPingsPerSecond = options.Value.MaxInboundPingsPerSecond;
    private readonly TimeSpan _keepAliveTimeout = limits.Value.KeepAliveTimeout;
    private readonly TimeSpan _headersTimeout = limits.Value.RequestHeadersTimeout;
    private readonly int _maxHeaderBytes = limits.Value.MaxRequestHeadersBytes;
    private readonly (TimeSpan Interval, TimeSpan Timeout) _hubKeepAlive = AgentHubExtensions.WebSocketKeepAlive(options.Value);

    // The hub's sockets have no slot of the budget until SignalR's handshake (the cap filter takes it there): the HTTP
    // server's limit on upgraded connections bounds them through HTTP, and the same number bounds them here.
    private readonly int _maxHubSockets = options.Value.MaxClients + limits.Value.UpgradeHeadroom;
    private int _hubSockets;

    /// <summary>
    /// Serves <paramref name="connection"/> as a raw or hub socket, or hands it to <paramref name="next"/>, the HTTP server.
    /// </summary>
    /// <param name="connection">A new connection of the listener.</param>
    /// <param name="next">The HTTP server.</param>
    /// <param name="scheme">The listener's scheme, <c>http</c> or <c>https</c>, which same-origin checks compare.</param>
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next, string scheme)
    {
        var (upgrade, handOver) = await TryTakeUpgradeAsync(connection, scheme).ConfigureAwait(false);
        if (handOver)
        {
            await next(connection).ConfigureAwait(false);
            return;
        }

        if (upgrade is null)
        {
            return;
        }

        if (upgrade.Route == UpgradeRoute.Hub)
        {
            await ServeHubAsync(connection, upgrade, scheme).ConfigureAwait(false);
            return;
        }

        using (upgrade.Lease)
        {
            await ServeRawAsync(connection, upgrade, scheme).ConfigureAwait(false);
        }
    }

    // Reads until the first request is known: the upgrade with its request consumed, or a hand-over to the HTTP server
    // with nothing consumed, or neither when the client went quiet. Quiet is timed as the HTTP server times it: the
    // keep-alive timeout until the first byte, the request-headers timeout from then on. A request that arrives in
    // pieces and only then turns out to be something else starts the HTTP server's own headers timeout at the
    // hand-over, so it can take up to twice that long: bounded, and a client only delays its own answer.
    private async Task<(Upgrade? Upgrade, bool HandOver)> TryTakeUpgradeAsync(ConnectionContext connection, string scheme)
    {
        var input = connection.Transport.Input;
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        quiet.CancelAfter(_keepAliveTimeout);
        var started = false;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(quiet.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await CloseQuietAsync(connection, started).ConfigureAwait(false);
                return (null, false);
            }
            catch (IOException)
            {
                // The client reset the connection before its request was complete: nothing to answer.
                return (null, false);
            }

            var buffer = result.Buffer;
            var parse = Parse(buffer, out var request, out var length);
            if (parse == UpgradeParse.Incomplete && !result.IsCompleted && buffer.Length < _maxHeaderBytes)
            {
                if (!started)
                {
                    started = true;
                    quiet.CancelAfter(_headersTimeout);
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var upgrade = parse == UpgradeParse.Parsed ? TryAdmit(request!, scheme) : null;
            input.AdvanceTo(upgrade is null ? buffer.Start : buffer.GetPosition(length));
            return (upgrade, upgrade is null);
        }
    }

    // What the HTTP server does with a quiet connection: nothing for one that never sent a byte, a 408 for one whose
    // request stopped halfway; then the connection ends.
    private static async Task CloseQuietAsync(ConnectionContext connection, bool started)
    {
        if (!started || connection.ConnectionClosed.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await connection.Transport.Output.WriteAsync(s_requestTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client is gone already.
        }
    }

    private UpgradeParse Parse(ReadOnlySequence<byte> buffer, out UpgradeRequest? request, out int length)
    {
        if (buffer.IsSingleSegment)
        {
            return UpgradeRequest.TryParse(buffer.FirstSpan, out request, out length);
        }

        var size = (int)Math.Min(buffer.Length, _maxHeaderBytes);
        var copy = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            buffer.Slice(0, size).CopyTo(copy);
            return UpgradeRequest.TryParse(copy.AsSpan(0, size), out request, out length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    // The checks the HTTP pipeline makes on these routes, in its order: token, then origin, then the cap (for the hub, the
    // cap filter's, after SignalR's handshake). A request that fails one goes to the pipeline, which refuses it with its
    // usual answer and log line.
    private Upgrade? TryAdmit(UpgradeRequest request, string scheme)
    {
        var query = QueryHelpers.ParseQuery(request.Query);
        if (request.Route == UpgradeRoute.Hub && query.ContainsKey("id"))
        {
            return null;
        }

        if (tokens.IsRequired)
        {
            query.TryGetValue(ApiTokenMiddleware.QueryParameter, out var queryToken);
            if (!tokens.Matches(ApiTokenMiddleware.PresentedToken(request.Authorization ?? string.Empty, queryToken)))
            {
                return null;
            }
        }

        if (!origins.IsAllowed(request.Origin, new HostString(request.Host), scheme))
        {
            return null;
        }

        if (request.Route == UpgradeRoute.Hub)
        {
            if (Interlocked.Increment(ref _hubSockets) > _maxHubSockets)
            {
                Interlocked.Decrement(ref _hubSockets);
                return null;
            }

            query.TryGetValue(HubConnectionUnderneath.GroupsParameter, out var groups);
            var joined = groups.Count > 0 ? groups.ToString() : null;
            return new Upgrade(UpgradeRoute.Hub, request.Key, joined, SendSnapshots: false, Lease: null);
        }

        var lease = budget.TryReserve(Transport.Raw, countRefusal: false);
        query.TryGetValue("snapshot", out var snapshot);
        return lease is null
            ? null
            : new Upgrade(UpgradeRoute.RawSocket, request.Key, Groups: null, RawSocketEndpoint.WantsSnapshots(snapshot), lease);
    }

    private Task ServeRawAsync(ConnectionContext connection, Upgrade upgrade, string scheme) =>
        ServeSocketAsync(connection, scheme, new SocketRoute(SecurityPaths.RawSocket, logger, RawSocketLog.ClientAborted), (remote, guard, writer) =>
        {
            var session = new RawSession(connection.ConnectionId, remote?.ToString() ?? "unknown", RawSession.BelowHttp, upgrade.SendSnapshots);
            var accept = () => AcceptAsync(connection, upgrade.Key, guard, writer, (endpoint.KeepAliveInterval, endpoint.KeepAliveTimeout));
            return endpoint.ServeAsync(session, guard, accept, connection.ConnectionClosed);
        });

    private async Task ServeHubAsync(ConnectionContext connection, Upgrade upgrade, string scheme)
    {
        try
        {
            var route = new SocketRoute(AgentHubExtensions.HubPath, hubLogger, HubLog.SocketAborted);
            await ServeSocketAsync(connection, scheme, route, async (_, guard, writer) =>
            {
                using var socket = await AcceptAsync(connection, upgrade.Key, guard, writer, _hubKeepAlive).ConfigureAwait(false);
                var hub = new HubSocketConnection(connection, socket, guard.Watched!, upgrade.Groups);
                return await hub.RunAsync(hubs.OnConnectedAsync, SocketWriter.DrainTimeout).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _hubSockets);
        }
    }

    // What serving either socket takes around the socket itself: its ping-flood guard, its writer to the socket on a
    // connection in clear, the drain of that writer after a graceful end, and the abort after any other end. serve
    // accepts the upgrade, runs the socket until it is over and says whether it ended gracefully.
    private async Task ServeSocketAsync(
        ConnectionContext connection,
        string scheme,
        SocketRoute route,
        Func<IPAddress?, PingFloodGuard, SocketWriter?, Task<bool>> serve)
    {
        var remote = (connection.RemoteEndPoint as IPEndPoint)?.Address;
        var guard = new PingFloodGuard(_maxPingsPerSecond, route.Path, remote, connection.Abort, route.Logger);
        var writer = scheme == "http" ? SocketWriter.ForPlainConnection(connection.Features) : null;
        bool endedGracefully;
        try
        {
            endedGracefully = await serve(remote, guard, writer).ConfigureAwait(false);

            // The close frame may still be queued on the socket; ending the connection now could cut it off. Only time ends
            // the drain, not the client's half-close.
            if (endedGracefully && writer is not null)
            {
                await writer.DrainAsync().WaitAsync(SocketWriter.DrainTimeout).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or TimeoutException)
        {
            // The client went away while its handshake was answered, or took too long over the last frames.
            route.LogAborted(route.Logger, connection.ConnectionId, ex);
            endedGracefully = false;
        }
        finally
        {
            writer?.Dispose();
        }

        // Without a graceful end the output may hold frames a stalled client will never read: leaving them to be flushed
        // would keep the connection until the client reads or goes away.
        if (!endedGracefully)
        {
            connection.Abort();
        }
    }

    private async Task<WebSocket> AcceptAsync(
        ConnectionContext connection,
        string key,
        PingFloodGuard guard,
        SocketWriter? writer,
        (TimeSpan Interval, TimeSpan Timeout) keepAlive)
    {
        var response = SwitchingProtocols(key);
        if (writer is null)
        {
            await connection.Transport.Output.WriteAsync(response, connection.ConnectionClosed).ConfigureAwait(false);
        }
        else
        {
            await writer.WriteAsync(response, shared: false).ConfigureAwait(false);
        }

        var stream = guard.Watch(new DuplexPipeStream(connection.Transport, writer));
        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = keepAlive.Interval,
            KeepAliveTimeout = keepAlive.Timeout,
        });
    }

    private static byte[] SwitchingProtocols(string key)
    {
        Span<byte> keyAndGuid = stackalloc byte[24 + 36];
        Encoding.ASCII.GetBytes(key, keyAndGuid);
        s_keyGuid.CopyTo(keyAndGuid[24..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(keyAndGuid, hash);

        var accept = Convert.ToBase64String(hash);
        return Encoding.ASCII.GetBytes(
            "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n" + $"Sec-WebSocket-Accept: {accept}\r\n\r\n");
    }

    // A socket's path, and where its events are logged.
    private sealed record SocketRoute(string Path, ILogger Logger, Action<ILogger, string, Exception> LogAborted);

    // Groups is the hub's groups query parameter; SendSnapshots and Lease are the raw socket's.
    private sealed record Upgrade(UpgradeRoute Route, string Key, string? Groups, bool SendSnapshots, ConnectionLease? Lease);
}
