using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace Agent.Host.WebSockets;

/// <summary>
/// One send on a socket, with event arguments taken from a pool shared by every connection and given back when the send
/// is over. <see cref="Socket.SendAsync(ReadOnlyMemory{byte}, SocketFlags, CancellationToken)"/> would keep arguments of
/// its own on each socket for the socket's whole life, about a kilobyte for every idle client; a pool holds only as many
/// as sends have been under way at once, and at most <see cref="MaxPooled"/> of them.
/// </summary>
/// <remarks>A send on a stream socket completes once every byte is sent, as the socket's own method does.</remarks>
internal sealed class PooledSocketSend : SocketAsyncEventArgs, IValueTaskSource<int>
{
    /// <summary>Arguments kept for reuse; a burst of more sends than this at once allocates the rest and drops them after.</summary>
    public const int MaxPooled = 256;

    private static readonly ConcurrentQueue<PooledSocketSend> s_pool = new();
    private static int s_pooled;

    private ManualResetValueTaskSourceCore<int> _source;

    private PooledSocketSend()
        : base(unsafeSuppressExecutionContextFlow: true)
    {
        _source.RunContinuationsAsynchronously = true;
    }

    /// <summary>Sends <paramref name="buffer"/>; the result is the number of bytes sent.</summary>
    public static ValueTask<int> SendAsync(Socket socket, ReadOnlyMemory<byte> buffer)
    {
        // The socket only reads the bytes; the arguments want them as writable memory.
        var send = Rent();
        send.SetBuffer(MemoryMarshal.AsMemory(buffer));
        return send.Start(socket);
    }

    /// <summary>Sends <paramref name="buffers"/> in order in one system call where the socket takes them all.</summary>
    public static ValueTask<int> SendAsync(Socket socket, IList<ArraySegment<byte>> buffers)
    {
        var send = Rent();
        send.BufferList = buffers;
        return send.Start(socket);
    }

    int IValueTaskSource<int>.GetResult(short token)
    {
        // A stale token (a result read twice) must not give the arguments back a second time while another send uses them.
        if (token != _source.Version)
        {
            throw new InvalidOperationException("The send's result was already read.");
        }

        try
        {
            return _source.GetResult(token);
        }
        finally
        {
            Return();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success)
        {
            _source.SetResult(BytesTransferred);
        }
        else
        {
            _source.SetException(new SocketException((int)SocketError));
        }
    }

    private static PooledSocketSend Rent()
    {
        if (s_pool.TryDequeue(out var pooled))
        {
            Interlocked.Decrement(ref s_pooled);
            return pooled;
        }

        return new PooledSocketSend();
    }

    private ValueTask<int> Start(Socket socket)
    {
        var version = _source.Version;
        bool pending;
        try
        {
            pending = socket.SendAsync(this);
        }
        catch
        {
            Return();
            throw;
        }

        if (pending)
        {
            return new ValueTask<int>(this, version);
        }

        // Completed at once: read the outcome before the arguments go back to the pool.
        var error = SocketError;
        var sent = BytesTransferred;
        Return();
        return error == SocketError.Success ? new ValueTask<int>(sent) : ValueTask.FromException<int>(new SocketException((int)error));
    }

    private void Return()
    {
        if (BufferList is not null)
        {
            BufferList = null;
        }
        else
        {
            SetBuffer(Memory<byte>.Empty);
        }

        _source.Reset();
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            s_pool.Enqueue(this);
            return;
        }

        Interlocked.Decrement(ref s_pooled);
        Dispose();
    }
}
