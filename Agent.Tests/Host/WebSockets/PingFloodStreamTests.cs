using Agent.Host.Broadcasting;
using Agent.Host.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;

namespace Agent.Tests.Host.WebSockets;

/// <summary>
/// The stream under a WebSocket as a second writer uses it: whole messages written beside the socket's own frames
/// (the hub's broadcasts), which must never land inside a message the socket sends in fragments, and the signal that
/// the socket's first message (SignalR's handshake answer) is out.
/// </summary>
public sealed class PingFloodStreamTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private readonly Wire _wire = new();
    private readonly PingFloodStream _stream;

    public PingFloodStreamTests()
    {
        var guard = new PingFloodGuard(100, "/test", remoteAddress: null, abort: () => { }, NullLogger.Instance);
        _stream = (PingFloodStream)guard.Watch(_wire);
    }

    [Fact]
    public async Task WriteMessageAsync_BetweenWholeMessages_WritesAtOnce()
    {
        var socketMessage = WebSocketFrames.Text("{}"u8);
        var broadcast = WebSocketFrames.Binary([1, 2, 3]);

        await _stream.WriteAsync(socketMessage);
        var write = _stream.WriteMessageAsync(broadcast);

        Assert.True(write.IsCompletedSuccessfully);
        Assert.Equal([.. socketMessage, .. broadcast], _wire.ToArray());
    }

    [Fact]
    public async Task WriteMessageAsync_WhileTheSocketSendsAMessageInFragments_WaitsForItsFinalFrame()
    {
        byte[] first = [0x01, 2, (byte)'a', (byte)'b'];
        byte[] ping = [0x89, 0];
        byte[] last = [0x80, 2, (byte)'c', (byte)'d'];
        var broadcast = WebSocketFrames.Text("x"u8);

        await _stream.WriteAsync(first);
        var write = _stream.WriteMessageAsync(broadcast).AsTask();
        await Task.Delay(50);
        var waitedPastFirst = !write.IsCompleted;
        await _stream.WriteAsync(ping);
        await Task.Delay(50);
        var waitedPastPing = !write.IsCompleted;
        await _stream.WriteAsync(last);
        await write.WaitAsync(s_wait);

        Assert.True(waitedPastFirst, "the broadcast went out inside the fragmented message");
        Assert.True(waitedPastPing, "a control frame does not end a fragmented message");
        Assert.Equal([.. first, .. ping, .. last, .. broadcast], _wire.ToArray());
    }

    [Fact]
    public async Task WriteMessageAsync_WaitingWhenTheSocketClosesInsideItsMessage_IsDroppedAfterTheClose()
    {
        byte[] first = [0x01, 2, (byte)'a', (byte)'b'];
        byte[] close = [0x88, 2, 0x03, 0xE8];

        await _stream.WriteAsync(first);
        var write = _stream.WriteMessageAsync(WebSocketFrames.Text("x"u8)).AsTask();
        await _stream.WriteAsync(close);
        await write.WaitAsync(s_wait);

        Assert.Equal([.. first, .. close], _wire.ToArray());
    }

    [Fact]
    public async Task WriteMessageAsync_WaitingWhenAPingFloodClosesTheSocket_IsDroppedAfterTheCloseFrame()
    {
        byte[] first = [0x01, 2, (byte)'a', (byte)'b'];
        await _stream.WriteAsync(first);
        var write = _stream.WriteMessageAsync(WebSocketFrames.Text("x"u8)).AsTask();

        // Masked client pings, far over the guard's 100 a second, read in one go: the stream closes the socket itself.
        _wire.Incoming = [.. Enumerable.Range(0, 300).SelectMany(_ => new byte[] { 0x89, 0x80, 1, 2, 3, 4 })];
        var read = await _stream.ReadAsync(new byte[_wire.Incoming.Length]);
        await write.WaitAsync(s_wait);

        var sent = _wire.ToArray();
        Assert.Equal(_wire.Incoming.Length, read);
        Assert.Equal(first, sent[..first.Length]);
        Assert.Equal(0x88, sent[first.Length]);
        Assert.Equal(first.Length + 4 + PingFloodStream.Reason.Length, sent.Length);
    }

    [Fact]
    public async Task WriteMessageAsync_WaitingWhenTheSocketsWriteFails_FailsInsteadOfWaiting()
    {
        await _stream.WriteAsync(new byte[] { 0x01, 2, (byte)'a', (byte)'b' });
        var write = _stream.WriteMessageAsync(WebSocketFrames.Text("x"u8)).AsTask();
        _wire.Broken = true;

        await Assert.ThrowsAsync<IOException>(() => _stream.WriteAsync(new byte[] { 0x80, 2, (byte)'c', (byte)'d' }).AsTask());
        await Assert.ThrowsAsync<IOException>(() => write.WaitAsync(s_wait));
    }

    [Fact]
    public async Task WriteMessageAsync_WaitingWhenTheSocketDisposesTheStream_FailsInsteadOfWaiting()
    {
        await _stream.WriteAsync(new byte[] { 0x01, 2, (byte)'a', (byte)'b' });
        var write = _stream.WriteMessageAsync(WebSocketFrames.Text("x"u8)).AsTask();

        await _stream.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => write.WaitAsync(s_wait));
    }

    [Fact]
    public async Task WriteAsync_AfterAFailedWrite_FailsRatherThanFollowAFrameCutShort()
    {
        _wire.Broken = true;
        await Assert.ThrowsAsync<IOException>(() => _stream.WriteAsync(new byte[] { 0x81, 2, (byte)'a', (byte)'b' }).AsTask());
        _wire.Broken = false;

        await Assert.ThrowsAsync<IOException>(() => _stream.WriteMessageAsync(WebSocketFrames.Text("x"u8)).AsTask());
        Assert.Empty(_wire.ToArray());
    }

    [Fact]
    public void WriteMessageAsync_NotAWholeDataMessage_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => _stream.WriteMessageAsync(new byte[] { 0x01, 1, (byte)'a' }));
        Assert.Throws<ArgumentException>(() => _stream.WriteMessageAsync(new byte[] { 0x89, 0 }));
        Assert.Throws<ArgumentException>(() => _stream.WriteMessageAsync(new byte[] { 0xC1, 1, (byte)'a' }));
    }

    [Fact]
    public async Task AfterFirstMessage_RegisteredBeforeIt_RunsOnceWhenTheFirstDataMessageIsWritten()
    {
        var runs = 0;
        _stream.AfterFirstMessage(() => Interlocked.Increment(ref runs));

        await _stream.WriteAsync(new byte[] { 0x89, 0 });
        var afterPing = runs;
        await _stream.WriteAsync(new byte[] { 0x01, 1, (byte)'a' });
        var afterFragment = runs;
        await _stream.WriteAsync(new byte[] { 0x80, 1, (byte)'b' });
        await _stream.WriteAsync(WebSocketFrames.Text("{}"u8));

        Assert.Equal(0, afterPing);
        Assert.Equal(0, afterFragment);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task AfterFirstMessage_RegisteredAfterIt_RunsAtOnce()
    {
        await _stream.WriteAsync(WebSocketFrames.Text("{}"u8));
        var runs = 0;

        _stream.AfterFirstMessage(() => runs++);

        Assert.Equal(1, runs);
    }

    // The connection under the stream: records what is written, hands out what the test put in, and can break.
    private sealed class Wire : ConnectionStream
    {
        private readonly MemoryStream _written = new();
        private int _read;
        private bool _disposed;

        public byte[] Incoming { get; set; } = [];

        public bool Broken { get; set; }

        public byte[] ToArray()
        {
            lock (_written)
            {
                return _written.ToArray();
            }
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(buffer.Length, Incoming.Length - _read);
            Incoming.AsMemory(_read, count).CopyTo(buffer);
            _read += count;
            return ValueTask.FromResult(count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Broken)
            {
                return ValueTask.FromException(new IOException("the connection was reset"));
            }

            lock (_written)
            {
                _written.Write(buffer.Span);
            }

            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }

    }
}
