namespace Agent.Host.WebSockets;

/// <summary>
/// An HTTP/1.1 connection after its upgrade, whose writes go straight to the socket through a <see cref="SocketWriter"/>
/// once that is safe. The server wrote its 101 answer into the connection's output pipe, and it may still be there: a
/// client sends nothing before it has read that answer (RFC 6455 §4.1), so once the client's first bytes have arrived
/// the pipe is empty, and from then on every write takes the socket. A write before that (the server speaking first)
/// keeps the connection on the pipe for good, as the HTTP server would have it. Reads always come through the server.
/// </summary>
/// <remarks>
/// A client that breaks that rule and sends before reading the 101 can have the answer overtaken by the socket's first
/// frames: only its own connection is garbled, and it broke the handshake first. Telling such bytes apart (already
/// buffered at the upgrade, or read after waiting) would also catch quick clients whose first bytes were simply in by
/// the time the socket read, and keep them on the slower pipe.
/// </remarks>
internal sealed class UpgradedSocketStream(Stream upgraded, SocketWriter socket) : ConnectionStream, ISharedFrameStream
{
    private const int Undecided = 0;
    private const int ThroughPipe = 1;
    private const int Direct = 2;

    private int _route;
    private volatile bool _disposed;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = upgraded.ReadAsync(buffer, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return AwaitReadAsync(read);
        }

        var count = read.Result;
        Arrived(count);
        return new ValueTask<int>(count);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return TakesSocket() ? socket.WriteAsync(buffer, shared: false, cancellationToken) : upgraded.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask WriteSharedAsync(ReadOnlyMemory<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return TakesSocket() ? socket.WriteAsync(buffer, shared: true) : upgraded.WriteAsync(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _route) == Direct ? socket.DrainAsync().WaitAsync(cancellationToken) : upgraded.FlushAsync(cancellationToken);

    // A write still waiting is released; the writer itself is left to its owner, which drains it once the request is
    // over: the socket lets go of its stream right after writing its close frame, which may still be queued.
    public override ValueTask DisposeAsync()
    {
        _disposed = true;
        socket.ReleaseWaitingWrites();
        return upgraded.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
            socket.ReleaseWaitingWrites();
            upgraded.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask<int> AwaitReadAsync(ValueTask<int> read)
    {
        var count = await read.ConfigureAwait(false);
        Arrived(count);
        return count;
    }

    private void Arrived(int count)
    {
        if (count > 0 && Volatile.Read(ref _route) == Undecided)
        {
            Interlocked.CompareExchange(ref _route, Direct, Undecided);
        }
    }

    // A write that finds the route undecided settles it on the pipe.
    private bool TakesSocket() =>
        Volatile.Read(ref _route) is var route && route == Undecided
            ? Interlocked.CompareExchange(ref _route, ThroughPipe, Undecided) == Direct
            : route == Direct;
}
