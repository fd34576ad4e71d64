using System.Buffers;
using System.IO.Pipelines;

namespace Agent.Host.WebSockets;

/// <summary>
/// A connection's transport pipes as the stream a <see cref="System.Net.WebSockets.WebSocket"/> runs on. A write copies
/// into the output pipe and completes at once unless the pipe is over its limit, the client's backpressure; the
/// connection's I/O thread sends what has piled up. Given a <see cref="SocketWriter"/>, the stream writes through it
/// instead, straight to the socket, and the output pipe stays unused; disposing the stream releases a write
/// still waiting, while what was queued keeps going: the writer's owner drains and disposes it, so a close frame the
/// socket wrote last still leaves after the socket has let go of its stream. Disposing ends a pending read or write, not
/// the connection.
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport, SocketWriter? socket = null) : ConnectionStream, ISharedFrameStream
{
    private readonly PipeReader _input = transport.Input;
    private readonly PipeWriter _output = transport.Output;
    private readonly SocketWriter? _socket = socket;
    private volatile bool _disposed;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = await _input.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The read was cancelled: the stream is disposed.");
        }

        var data = result.Buffer;

        // A zero-byte read only waits for data; the data stays for the read that follows.
        if (buffer.IsEmpty)
        {
            _input.AdvanceTo(data.Start);
            return 0;
        }

        var count = (int)Math.Min(data.Length, buffer.Length);
        data.Slice(0, count).CopyTo(buffer.Span);
        _input.AdvanceTo(data.GetPosition(count));
        return count;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_socket is not null)
        {
            return _socket.WriteAsync(buffer, shared: false, cancellationToken);
        }

        var flush = _output.WriteAsync(buffer, cancellationToken);
        return flush.IsCompletedSuccessfully ? Check(flush.Result) : AwaitFlushAsync(flush);
    }

    /// <inheritdoc/>
    public ValueTask WriteSharedAsync(ReadOnlyMemory<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _socket is not null ? _socket.WriteAsync(buffer, shared: true) : WriteAsync(buffer);
    }

    // Through a socket writer a flush waits until everything written has been sent.
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            await _socket.DrainAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await Check(await _output.FlushAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _input.CancelPendingRead();
            _output.CancelPendingFlush();
            _socket?.ReleaseWaitingWrites();
        }

        base.Dispose(disposing);
    }

    // A flush the reader completed (the connection is gone) drops the bytes, as a closed socket would.
    private static ValueTask Check(FlushResult result) =>
        result.IsCanceled
            ? ValueTask.FromException(new OperationCanceledException("The write was cancelled: the stream is disposed."))
            : ValueTask.CompletedTask;

    private static async ValueTask AwaitFlushAsync(ValueTask<FlushResult> flush) =>
        await Check(await flush.ConfigureAwait(false)).ConfigureAwait(false);
}
