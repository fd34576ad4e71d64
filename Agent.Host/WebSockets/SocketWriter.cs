using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Agent.Host.WebSockets;

/// <summary>
/// The write side of a WebSocket connection in clear, straight on its socket instead of through the connection's output
/// pipe: a raw or hub client served below the HTTP server, or an HTTP/1.1 upgrade once the client has spoken
/// (<see cref="UpgradedSocketStream"/>). A frame written once for every client is sent from that one buffer, never
/// copied: a large one goes out at once on the writer's thread when nothing waits before it, one system call and no
/// thread hop; small ones queue and leave together, several to a system call, from a thread-pool item. The order of
/// writes is the order on the wire; the server's own writes before the writer took over (an upgrade's 101 answer) have
/// left by then, unless a client broke the handshake by sending before reading it (see
/// <see cref="UpgradedSocketStream"/>).
/// </summary>
/// <remarks>
/// A write completes once its bytes are sent or queued; while more than <see cref="PauseBytes"/> wait, it completes
/// only when the queue has gone out, which is the client's backpressure (the caller times it). When the stream above
/// lets go (<see cref="ReleaseWaitingWrites"/>), a write still waiting, and every later one that would have to wait,
/// is cancelled, while what was already queued keeps going; the owner then drains the writer for at most
/// <see cref="DrainTimeout"/>, or aborts the connection, which ends a send the client never takes. The first failed send
/// fails every later write and wait.
/// </remarks>
internal sealed class SocketWriter : IThreadPoolWorkItem
{
    /// <summary>
    /// The smallest write sent at once on the writer's thread. Below it the system call costs more than the bytes, so
    /// small frames wait to share one; above it copying the frame would cost more than the call.
    /// </summary>
    public const int InlineBytes = 8 * 1024;

    /// <summary>Queued bytes beyond which a write waits for the queue to go out.</summary>
    public const int PauseBytes = 64 * 1024;

    /// <summary>How long an owner lets the last frames of a finished socket leave before it ends the connection anyway.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;

    // Guards everything below. Writers take turns already (the stream above has one writer at a time); the lock is
    // between a writer and the thread-pool item that sends the queue.
    private readonly Lock _gate = new();
    // Created on first use: a client whose frames all go out at once never queues anything.
    private List<ArraySegment<byte>>? _queued;
    private List<ArraySegment<byte>>? _spare;
    private int _queuedBytes;

    // Set while a send is under way or queued to the thread pool: whoever sets it is the only sender.
    private bool _busy;
    private Exception? _failure;
    private TaskCompletionSource? _room;
    private TaskCompletionSource? _idle;

    // The write that waits for a send made at once, when the kernel did not take it all: released on its own by
    // ReleaseWaitingWrites, since the send itself ends only when the client reads or the connection is aborted.
    private TaskCompletionSource? _sending;

    // Set for good by ReleaseWaitingWrites: a write that would have to wait is cancelled at once.
    private bool _released;

    public SocketWriter(Socket socket)
    {
        _socket = socket;
    }

    /// <summary>
    /// A writer for the connection with <paramref name="features"/>, when its bytes may go straight to its socket: the
    /// transport exposes the socket and nothing encrypts above it. Under TLS writes must go through the connection's own
    /// pipe, which encrypts them. The caller adds what only it knows (the scheme, the HTTP version).
    /// </summary>
    public static SocketWriter? ForPlainConnection(IFeatureCollection features) =>
        features.Get<ITlsHandshakeFeature>() is null && features.Get<IConnectionSocketFeature>()?.Socket is { } socket
            ? new SocketWriter(socket)
            : null;

    /// <summary>Sends <paramref name="data"/> after everything written before it.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="shared">
    /// Whether <paramref name="data"/> is a frame written once for every client, which never changes: a small one waits
    /// to share a system call with the next, and it is sent from where it lies. Other bytes (the socket's own frames,
    /// small, rare and wanted at once) are copied first, since their buffer goes back to its owner when the write
    /// completes, and go out at once when nothing waits before them.
    /// </param>
    /// <param name="cancellationToken">
    /// Ends the wait, not the send: bytes already handed over still go. A socket whose write was cancelled is aborted by
    /// its owner anyway.
    /// </param>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool shared, CancellationToken cancellationToken = default)
    {
        if (data.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        if (!shared)
        {
            data = data.ToArray();
        }

        TaskCompletionSource? room = null;
        var sendNow = false;
        var schedule = false;
        lock (_gate)
        {
            if (_failure is { } failure)
            {
                return ValueTask.FromException(AsWriteFailure(failure));
            }

            if (!_busy && _queuedBytes == 0 && (!shared || data.Length >= InlineBytes))
            {
                _busy = true;
                sendNow = true;
            }
            else
            {
                // After a release a write that would have to wait is refused whole, before any state changes: its bytes
                // are not queued, so the wire never holds part of a frame and the queue cannot grow past its limit.
                if (_released && _queuedBytes + data.Length > PauseBytes)
                {
                    return ValueTask.FromCanceled(new CancellationToken(canceled: true));
                }

                var segment = MemoryMarshal.TryGetArray(data, out var whole) ? whole : new ArraySegment<byte>(data.ToArray());
                (_queued ??= []).Add(segment);
                _queuedBytes += segment.Count;
                schedule = !_busy;
                _busy = true;
                if (_queuedBytes > PauseBytes)
                {
                    room = _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }

        if (sendNow)
        {
            return Waited(SendNow(data), cancellationToken);
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return room is null ? ValueTask.CompletedTask : Waited(room.Task, cancellationToken);
    }

    /// <summary>Completes once everything written has been sent; fails if a send failed or the writer was disposed.</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            if (_failure is { } failure)
            {
                return Task.FromException(AsWriteFailure(failure));
            }

            return _busy ? (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }
    }

    /// <summary>
    /// Releases, as cancelled, the write that waits for room or for its send, and from now on every write that would have
    /// to wait, as a disposed stream must; what was queued keeps going, and so does a send already under way.
    /// </summary>
    public void ReleaseWaitingWrites()
    {
        TaskCompletionSource? room;
        TaskCompletionSource? sending;
        lock (_gate)
        {
            _released = true;
            (room, _room) = (_room, null);
            (sending, _sending) = (_sending, null);
        }

        room?.TrySetCanceled();
        sending?.TrySetCanceled();
    }

    /// <summary>Fails what waits and every later write; the socket stays open, because its connection owns it.</summary>
    public void Dispose() => Fail(new ObjectDisposedException(nameof(SocketWriter)));

    void IThreadPoolWorkItem.Execute() => _ = SendQueuedAsync();

    private static Exception AsWriteFailure(Exception failure) =>
        failure is ObjectDisposedException
            ? new OperationCanceledException("The write was cancelled: the stream is disposed.")
            : new IOException("The connection's socket failed a send.", failure);

    // Called with _busy set by this writer: nothing else sends until Sent or Fail. The task completes when the send
    // does, or as cancelled when the writer is released first.
    private Task SendNow(ReadOnlyMemory<byte> data)
    {
        ValueTask<int> send;
        try
        {
            send = PooledSocketSend.SendAsync(_socket, data);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromException(Fail(ex));
        }

        if (send.IsCompleted)
        {
            try
            {
                send.GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Task.FromException(Fail(ex));
            }

            Sent();
            return Task.CompletedTask;
        }

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_released)
            {
                waiter.TrySetCanceled();
            }
            else
            {
                _sending = waiter;
            }
        }

        _ = FinishSendNowAsync(send, waiter);
        return waiter.Task;
    }

    // A wait the caller may give up with its token.
    private static ValueTask Waited(Task task, CancellationToken cancellationToken) =>
        task.IsCompletedSuccessfully
            ? ValueTask.CompletedTask
            : new ValueTask(cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task);

    // A caller may have stopped waiting (a timeout, a token): reading the exception marks it seen, so a failure nobody
    // awaits any more is not reported again when the task is collected.
    private static void FailWaiter(TaskCompletionSource? waiter, Exception failure)
    {
        if (waiter is not null && waiter.TrySetException(failure))
        {
            _ = waiter.Task.Exception;
        }
    }

    private async Task FinishSendNowAsync(ValueTask<int> send, TaskCompletionSource waiter)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FailWaiter(waiter, Fail(ex));
            return;
        }

        lock (_gate)
        {
            if (_sending == waiter)
            {
                _sending = null;
            }
        }

        Sent();
        waiter.TrySetResult();
    }

    // After a send made at once: the queue that built up meanwhile goes out from the thread pool, or the writer is idle.
    private void Sent()
    {
        (TaskCompletionSource? Room, TaskCompletionSource? Idle) waiters = default;
        bool schedule;
        lock (_gate)
        {
            schedule = _queuedBytes > 0;
            if (!schedule)
            {
                waiters = GoIdle();
            }
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        waiters.Room?.TrySetResult();
        waiters.Idle?.TrySetResult();
    }

    // Under the lock, with nothing queued: the writer is idle. A burst of small frames grows the lists, and an idle
    // client should not keep that capacity. Returns the waiters to release once the lock is let go.
    private (TaskCompletionSource? Room, TaskCompletionSource? Idle) GoIdle()
    {
        if (_queued is { Capacity: > 8 })
        {
            _queued = null;
        }

        if (_spare is { Capacity: > 8 })
        {
            _spare = null;
        }

        _busy = false;
        (var room, _room) = (_room, null);
        (var idle, _idle) = (_idle, null);
        return (room, idle);
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            List<ArraySegment<byte>>? batch;
            (TaskCompletionSource? Room, TaskCompletionSource? Idle) waiters = default;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    return;
                }

                batch = _queuedBytes > 0 ? _queued : null;
                if (batch is null)
                {
                    waiters = GoIdle();
                }
                else
                {
                    (_queued, _spare) = (_spare, batch);
                    _queuedBytes = 0;
                }
            }

            if (batch is null)
            {
                waiters.Room?.TrySetResult();
                waiters.Idle?.TrySetResult();
                return;
            }

            try
            {
                await (batch.Count == 1 ? PooledSocketSend.SendAsync(_socket, batch[0]) : PooledSocketSend.SendAsync(_socket, batch))
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fail(ex);
                return;
            }

            TaskCompletionSource? room = null;
            lock (_gate)
            {
                batch.Clear();
                if (_queuedBytes <= PauseBytes)
                {
                    (room, _room) = (_room, null);
                }
            }

            room?.TrySetResult();
        }
    }

    private Exception Fail(Exception cause)
    {
        TaskCompletionSource? room;
        TaskCompletionSource? idle;
        TaskCompletionSource? sending;
        Exception failure;
        lock (_gate)
        {
            _failure ??= cause;
            failure = AsWriteFailure(_failure);
            _busy = true;
            _queued?.Clear();
            _queuedBytes = 0;
            (room, _room) = (_room, null);
            (idle, _idle) = (_idle, null);
            (sending, _sending) = (_sending, null);
        }

        FailWaiter(room, failure);
        FailWaiter(idle, failure);
        FailWaiter(sending, failure);
        return failure;
    }
}
