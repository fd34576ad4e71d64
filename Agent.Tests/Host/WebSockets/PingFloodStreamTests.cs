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

    private readonly MemoryStream _wire = new();
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
}
