using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Agent.Host.WebSockets;

/// <summary>
/// The upgraded connection under one WebSocket: every byte passes through unchanged, while the client's frame headers
/// are followed to count its ping and pong frames a second. Over <see cref="PingFloodGuard.MaxPingsPerSecond"/>, the
/// client's further bytes are read and discarded, so the socket has no more pings to answer and its close goes out
/// at once, until the client hangs up or <see cref="s_linger"/> passes; then the stream reports its end. Ending at
/// once would reset a connection with unread data, and the client could lose the close frame. The close itself is the
/// socket owner's, through the guard; without an owner this stream writes a close frame 1008 "ping flood" between two
/// server frames and throws away every later write.
/// </summary>
/// <remarks>
/// The stream is also where frames written once for many clients go, beside the socket's own
/// (<see cref="WriteMessageAsync"/>): the raw socket's events, and the hub's broadcasts beside SignalR's messages.
/// </remarks>
internal sealed class PingFloodStream : ConnectionStream
{
    /// <summary>The close reason the client reads.</summary>
    public const string Reason = "ping flood";

    // Write states. Writers take turns under the write lock, so only a close racing a write needs the compare-exchange.
    private const int Idle = 0;
    private const int Writing = 1;
    private const int ClosePending = 2;
    private const int Closed = 3;

    private static readonly TimeSpan s_linger = TimeSpan.FromSeconds(5);
    private static readonly byte[] s_closeFrame = CloseFrame(1008, Reason);

    private readonly Stream _inner;
    private readonly PingFloodGuard _guard;
    private readonly int _maxPingsPerSecond;

    // Read side: touched only by the socket's one reader.
    private WebSocketFrameScanner _inbound;
    private long _currentSecond;
    private int _pingsThisSecond;
    private bool _draining;
    private Task? _closing;

    // Write side: touched only by the writer that holds the Writing state, or by the close that won it (the waiter for
    // a message's end, and the flag that the connection is gone, are the exceptions: see WaitForMessageEnd). Two writers
    // share the stream: the socket (its control frames, and SignalR's messages on a hub connection) and a client's
    // pump, which writes whole frames written once for every client; the lock keeps each frame in one piece.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private WebSocketFrameScanner _outbound;
    private int _writeState;

    // Set while a writer of whole messages waits for the end of a message the socket sends in fragments; completed
    // when that message ends, or when it never will (a close, a failed write, the stream disposed).
    private TaskCompletionSource? _messageEnd;
    private bool _writeFailed;
    private bool _disposed;
    private bool _wroteMessage;
    private Action? _afterFirstMessage;

    public PingFloodStream(Stream inner, PingFloodGuard guard)
    {
        _inner = inner;
        _guard = guard;
        _maxPingsPerSecond = guard.MaxPingsPerSecond;
    }

    public override bool CanRead => _inner.CanRead;

    public override bool CanWrite => _inner.CanWrite;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_draining)
        {
            return DrainAsync(buffer, cancellationToken);
        }

        var reading = _inner.ReadAsync(buffer, cancellationToken);
        return reading.IsCompletedSuccessfully
            ? new ValueTask<int>(Inspect(buffer.Span, reading.Result))
            : AwaitReadAsync(reading, buffer);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        Action? firstMessage;
        try
        {
            firstMessage = await WriteLockedAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        firstMessage?.Invoke();
    }

    /// <summary>
    /// Writes one whole message, a single final data frame, between the socket's own frames. A data message the socket
    /// sends in fragments may not be split by another (RFC 6455 §5.4): while one is under way, this waits for its final
    /// frame, or for the close or failure that means it will not come (the frame is then dropped, or fails in turn).
    /// </summary>
    /// <param name="frame">
    /// The frame, header included: FIN set, no extension bits, a text or binary opcode. It must never change afterwards:
    /// the stream under this one may send it from where it lies after the write has completed.
    /// </param>
    /// <exception cref="ArgumentException">The frame is not a final text or binary frame.</exception>
    public ValueTask WriteMessageAsync(ReadOnlyMemory<byte> frame)
    {
        if (frame.IsEmpty || frame.Span[0] is not (0x81 or 0x82))
        {
            throw new ArgumentException(
                "Only a whole message in one final text or binary frame can go between the socket's frames.", nameof(frame));
        }

        return WriteWholeMessageAsync(frame);
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once the first whole data message has been written (at once if it has), on the
    /// writer's thread. A protocol whose server speaks first (SignalR answers the client's handshake) has that message
    /// out before anything is written with <see cref="WriteMessageAsync"/>.
    /// </summary>
    public void AfterFirstMessage(Action callback)
    {
        Interlocked.Exchange(ref _afterFirstMessage, callback);
        if (Volatile.Read(ref _wroteMessage) && Interlocked.Exchange(ref _afterFirstMessage, null) is { } ready)
        {
            ready();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteWholeMessageAsync(ReadOnlyMemory<byte> frame)
    {
        while (true)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
            Task? messageEnd = null;
            Action? firstMessage = null;
            try
            {
                if (MustWaitForMessageEnd)
                {
                    messageEnd = WaitForMessageEnd();
                }
                else
                {
                    firstMessage = await WriteLockedAsync(frame, CancellationToken.None, shared: true).ConfigureAwait(false);
                }
            }
            finally
            {
                _writeLock.Release();
            }

            if (messageEnd is null)
            {
                firstMessage?.Invoke();
                return;
            }

            await messageEnd.ConfigureAwait(false);
        }
    }

    // Read under the write lock. A message cut short by a close, a failed write or the end of the connection never
    // ends: nothing waits for it.
    private bool MustWaitForMessageEnd => _outbound.InMessage && !_outbound.SawClose && !_writeFailed && !IsEnding;

    // The two ways the socket's message can be cut short without the write lock: a close from the reading side
    // (BeginClose) and the socket disposing the stream.
    private bool IsEnding => Volatile.Read(ref _writeState) == Closed || Volatile.Read(ref _disposed);

    // Under the write lock. BeginClose and Dispose take no lock: each marks its state first and then releases, so
    // either it sees the waiter published here or the look below sees its mark.
    private Task WaitForMessageEnd()
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = Interlocked.CompareExchange(ref _messageEnd, created, null) ?? created;
        if (IsEnding)
        {
            ReleaseMessageWaiter();
        }

        return waiter.Task;
    }

    private void ReleaseMessageWaiter() => Interlocked.Exchange(ref _messageEnd, null)?.TrySetResult();

    // After a write (under the lock): the socket's message may have ended, or it may now never end.
    private void ReleaseUnlessWaitingIsRight()
    {
        if (!MustWaitForMessageEnd)
        {
            ReleaseMessageWaiter();
        }
    }

    // Returns the first-message callback when this write completed the first data message; the caller runs it once the
    // write lock is released, so it may write in turn. A shared buffer is a frame written once for every client, which
    // never changes.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Action?> WriteLockedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken, bool shared = false)
    {
        // A write that failed may have left a frame cut short: nothing can follow it.
        if (_writeFailed)
        {
            throw new IOException("An earlier write to the connection failed.");
        }

        // After a close frame nothing more goes out: a frame a client's pump had under way when the socket closed by
        // itself (a protocol error it answers with its own close) is dropped, as the socket would refuse it.
        if (_outbound.SawClose || !TryBeginWrite())
        {
            return null;
        }

        try
        {
            _outbound.Scan(buffer.Span);
            await (shared && _inner is ISharedFrameStream frames ? frames.WriteSharedAsync(buffer) : _inner.WriteAsync(buffer, cancellationToken))
                .ConfigureAwait(false);
        }
        catch
        {
            _writeFailed = true;
            throw;
        }
        finally
        {
            await EndWriteAsync().ConfigureAwait(false);
            ReleaseUnlessWaitingIsRight();
        }

        if (Volatile.Read(ref _wroteMessage) || _outbound.FinalFrames == 0 || !_outbound.IsAtFrameStart)
        {
            return null;
        }

        Volatile.Write(ref _wroteMessage, true);
        return Interlocked.Exchange(ref _afterFirstMessage, null);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!TryBeginWrite())
            {
                return;
            }

            try
            {
                await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await EndWriteAsync().ConfigureAwait(false);
                ReleaseUnlessWaitingIsRight();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // The socket disposes its stream when it is aborted, possibly between two frames of its own message: a broadcast
    // waiting for that message's end is let go, and its write then fails.
    public override async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        try
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            ReleaseMessageWaiter();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Volatile.Write(ref _disposed, true);
            try
            {
                _inner.Dispose();
            }
            finally
            {
                ReleaseMessageWaiter();
            }
        }

        base.Dispose(disposing);
    }

    private static byte[] CloseFrame(ushort status, string reason)
    {
        // Server frames are not masked (RFC 6455 §5.1); a close payload is the status then UTF-8 text, 125 bytes at most.
        var text = Encoding.UTF8.GetBytes(reason);
        var frame = new byte[2 + 2 + text.Length];
        frame[0] = 0x88;
        frame[1] = (byte)(2 + text.Length);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), status);
        text.CopyTo(frame.AsSpan(4));
        return frame;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReadAsync(ValueTask<int> reading, Memory<byte> buffer)
    {
        var read = await reading.ConfigureAwait(false);
        return Inspect(buffer.Span, read);
    }

    private int Inspect(Span<byte> buffer, int read)
    {
        if (read > 0 && !_draining && IsFlood(_inbound.Scan(buffer[..read])))
        {
            _draining = true;
            if (!_guard.HandToOwner())
            {
                BeginClose();
            }
        }

        return read;
    }

    private bool IsFlood(int pings)
    {
        if (pings == 0)
        {
            return false;
        }

        var second = Environment.TickCount64 / 1000;
        if (second != _currentSecond)
        {
            _currentSecond = second;
            _pingsThisSecond = 0;
        }

        _pingsThisSecond += pings;
        return _pingsThisSecond > _maxPingsPerSecond;
    }

    // Takes the write side for the close frame, or leaves it to the write in flight, which sends it when it ends.
    private void BeginClose()
    {
        while (true)
        {
            switch (Interlocked.CompareExchange(ref _writeState, Closed, Idle))
            {
                case Idle:
                    ReleaseMessageWaiter();
                    _closing = SendCloseAsync();
                    return;
                case Writing when Interlocked.CompareExchange(ref _writeState, ClosePending, Writing) == Writing:
                    return;
                case Writing:
                    continue;
                default:
                    return;
            }
        }
    }

    private bool TryBeginWrite()
    {
        var state = Interlocked.CompareExchange(ref _writeState, Writing, Idle);
        if (state == Writing)
        {
            throw new InvalidOperationException("A write began while another held the write lock.");
        }

        // After the close frame, later frames (the socket's pongs or close, a pump's broadcast) would follow it: dropped.
        return state == Idle;
    }

    private Task EndWriteAsync()
    {
        if (Interlocked.CompareExchange(ref _writeState, Idle, Writing) != ClosePending)
        {
            return Task.CompletedTask;
        }

        Volatile.Write(ref _writeState, Closed);
        return SendCloseAsync();
    }

    private async Task SendCloseAsync()
    {
        // A frame the socket wrote only in part cannot be followed by a close frame: the connection ends without one.
        if (!_outbound.IsAtFrameStart)
        {
            _guard.Abort();
            return;
        }

        using var limit = new CancellationTokenSource(s_linger);
        try
        {
            await _inner.WriteAsync(s_closeFrame, limit.Token).ConfigureAwait(false);
            await _inner.FlushAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that takes nothing cannot take the close frame either.
            _guard.Abort();
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> DrainAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_closing is { } closing)
        {
            _closing = null;
            await closing.ConfigureAwait(false);
        }

        // The socket may ask for zero bytes to wait for data; draining needs somewhere to put it.
        var rented = buffer.IsEmpty ? ArrayPool<byte>.Shared.Rent(512) : null;
        using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linger.CancelAfter(s_linger);
        try
        {
            Memory<byte> into = rented is null ? buffer : rented;
            while (await _inner.ReadAsync(into, linger.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception ex) when ((ex is IOException or OperationCanceledException) && !cancellationToken.IsCancellationRequested)
        {
            // The client reset the connection, or the linger is over: either way the stream ends here.
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return 0;
    }
}
