using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Agent.Host.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Agent.Host.Hubs;

/// <summary>
/// A hub client's WebSocket served below the HTTP server, as the connection SignalR's hub handler runs on. It is used
/// when a client that skips negotiation opens its TCP connection with the upgrade (<see cref="UpgradeConnectionHandler"/>).
/// Through the HTTP server the same client would keep the server's per-request state and SignalR's HTTP connection
/// around its socket for as long as it stays: headers, parser, dispatcher, their pipes and state machines, about 7 KB.
/// Here it keeps the TCP connection, the socket and two pipes between the socket and the hub.
/// </summary>
/// <remarks>
/// The hub reads what the client sends from one pipe and writes its messages to the other, as on SignalR's own WebSocket
/// transport. Each receive of the socket goes into the first pipe. What one read of the second holds (whole messages,
/// one flush or several) leaves as one WebSocket message: text for JSON, binary for MessagePack. Broadcasts do not pass
/// here: <see cref="HubClient"/> writes their frames to <see cref="Frames"/>, the stream under the socket. Features the
/// hub asks for and this connection lacks (the heartbeat that times keepalive and client timeout, the server's request to
/// close) are the TCP connection's. The connection id is the TCP connection's too: no client learns it (a client that skips
/// negotiation is never told one) and no hub method takes one.
/// </remarks>
internal sealed class HubSocketConnection : ConnectionContext, IDuplexPipe, ITransferFormatFeature, IHttpTransportFeature
{
    // The most a client may have sent that the hub has not yet read: twice the largest message it may send.
    private const long ReceivedPauseBytes = 2 * AgentHubExtensions.MaxReceiveMessageBytes;

    // The hub's own messages (handshake answer, completions, pings, close) are small; broadcasts never wait here.
    private const long ToSendPauseBytes = 64 * 1024;

    private static readonly PipeOptions s_receivedOptions = new(
        pauseWriterThreshold: ReceivedPauseBytes, resumeWriterThreshold: ReceivedPauseBytes / 2, useSynchronizationContext: false);

    private static readonly PipeOptions s_toSendOptions = new(
        pauseWriterThreshold: ToSendPauseBytes, resumeWriterThreshold: ToSendPauseBytes / 2, useSynchronizationContext: false);

    private readonly ConnectionContext _tcp;
    private readonly WebSocket _socket;
    private readonly Pipe _received = new(s_receivedOptions);
    private readonly Pipe _toSend = new(s_toSendOptions);

    private IDictionary<object, object?>? _items;

    // Set once the socket has received its last frame: the client's close, or the end of its connection without one.
    private volatile bool _receiveEnded;
    private volatile bool _clientLeft;

    /// <param name="tcp">The TCP connection the upgrade arrived on.</param>
    /// <param name="socket">The accepted socket, running on <paramref name="frames"/>.</param>
    /// <param name="frames">The stream under the socket, which takes broadcast frames between the socket's own.</param>
    /// <param name="groups">The upgrade's <c>groups</c> query parameter, if it had one.</param>
    public HubSocketConnection(ConnectionContext tcp, WebSocket socket, PingFloodStream frames, string? groups)
    {
        _tcp = tcp;
        _socket = socket;
        Frames = frames;
        ConnectionId = tcp.ConnectionId;
        ConnectionClosed = tcp.ConnectionClosed;
        RemoteEndPoint = tcp.RemoteEndPoint;
        LocalEndPoint = tcp.LocalEndPoint;
        Transport = this;
        Groups = groups;
        Features = new FeatureCollection(tcp.Features);
        Features.Set<ITransferFormatFeature>(this);
        Features.Set<IHttpTransportFeature>(this);
        Features.Set(this);
    }

    /// <summary>The stream under the socket: whole broadcast frames may be written to it directly.</summary>
    public PingFloodStream Frames { get; }

    /// <summary>The <c>groups</c> query parameter of the upgrade, if it had one.</summary>
    public string? Groups { get; }

    /// <summary>The client's address.</summary>
    public string? RemoteAddress => (RemoteEndPoint as IPEndPoint)?.Address.ToString();

    /// <inheritdoc/>
    public override string ConnectionId { get; set; }

    /// <inheritdoc/>
    public override IFeatureCollection Features { get; }

    /// <inheritdoc/>
    public override IDictionary<object, object?> Items
    {
        get => _items ??= new ConnectionItems();
        set => _items = value;
    }

    /// <inheritdoc/>
    public override IDuplexPipe Transport { get; set; }

    /// <summary>What the client sent, for the hub to read.</summary>
    PipeReader IDuplexPipe.Input => _received.Reader;

    /// <summary>What the hub writes, for the socket to send.</summary>
    PipeWriter IDuplexPipe.Output => _toSend.Writer;

    /// <inheritdoc/>
    public TransferFormat SupportedFormats => TransferFormat.Text | TransferFormat.Binary;

    /// <inheritdoc/>
    public TransferFormat ActiveFormat { get; set; }

    /// <inheritdoc/>
    public HttpTransportType TransportType => HttpTransportType.WebSockets;

    /// <summary>Ends the TCP connection at once, and with it the socket and the hub's connection.</summary>
    public override void Abort(ConnectionAbortedException abortReason)
    {
        _socket.Abort();
        _tcp.Abort(abortReason);
    }

    /// <summary>
    /// Runs <paramref name="hub"/> on this connection, with the socket's sending and receiving beside it, until the hub is
    /// done and the socket has closed or <paramref name="closeTimeout"/> has passed. Returns whether the connection ended
    /// gracefully (the close handshake completed, or the client ended its connection), after which the TCP connection can
    /// end with what is queued; otherwise the socket has been aborted.
    /// </summary>
    /// <param name="hub">SignalR's hub handler.</param>
    /// <param name="closeTimeout">How long the socket may take, once the hub is done, to send what is left and close.</param>
    public async Task<bool> RunAsync(ConnectionDelegate hub, TimeSpan closeTimeout)
    {
        var receiving = ReceiveAsync();
        var sending = SendAsync();
        try
        {
            await hub(this).ConfigureAwait(false);
        }
        finally
        {
            // Nothing more is read. What the hub wrote last (its close message) still leaves, then the close frame. Its
            // writer is not completed: the connection's heartbeat may still write a keepalive ping, which must find an
            // open pipe nobody reads rather than fail and be logged as an error.
            await _received.Reader.CompleteAsync().ConfigureAwait(false);
            _toSend.Reader.CancelPendingRead();
        }

        try
        {
            await Task.WhenAll(sending, receiving).WaitAsync(closeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A client that takes nothing, or never answers the close: it loses the connection.
            _socket.Abort();
            return false;
        }

        return _socket.State == WebSocketState.Closed || _clientLeft;
    }

    private async Task ReceiveAsync()
    {
        var writer = _received.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                // A zero-byte receive waits for the client's next frame without holding a buffer while it is quiet.
                var next = await _socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).ConfigureAwait(false);
                if (next.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                var received = await _socket.ReceiveAsync(writer.GetMemory(), CancellationToken.None).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                writer.Advance(received.Count);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted)
                {
                    // The hub is done; what the client still sends is only read to reach its close frame.
                    await DiscardUntilCloseAsync().ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (WebSocketException ex) when (ex.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
        {
            // The client went away without a close frame: an end, not a failure, as on SignalR's own transport.
            _clientLeft = true;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The keepalive gave up on the client, or it broke the protocol: the hub sees the connection fail.
            error = ex;
        }
        finally
        {
            // As on SignalR's transport, once the client has closed nothing more is sent but the close frame: the send loop
            // stops at once, and the close message the hub writes when it sees the end stays unsent.
            _receiveEnded = true;
            _toSend.Reader.CancelPendingRead();
            await writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private async Task DiscardUntilCloseAsync()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while ((await _socket.ReceiveAsync(scratch.AsMemory(), CancellationToken.None).ConfigureAwait(false)).MessageType
                   != WebSocketMessageType.Close)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private async Task SendAsync()
    {
        var reader = _toSend.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    if (!buffer.IsEmpty && !_receiveEnded)
                    {
                        await SendMessageAsync(buffer).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client is gone or broke off: ending the socket ends the receive, and with it the hub.
            _socket.Abort();
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    // What one read of the pipe holds is whole messages, flushed together: it leaves as one WebSocket message, which a
    // client parses whole (the JavaScript client requires a message to end with its record separator).
    private async ValueTask SendMessageAsync(ReadOnlySequence<byte> buffer)
    {
        var type = ActiveFormat == TransferFormat.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
        if (buffer.IsSingleSegment)
        {
            await _socket.SendAsync(buffer.First, type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var length = checked((int)buffer.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.CopyTo(copy);
            await _socket.SendAsync(copy.AsMemory(0, length), type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
