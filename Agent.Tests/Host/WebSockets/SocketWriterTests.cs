using System.Net;
using System.Net.Sockets;
using Agent.Host.WebSockets;

namespace Agent.Tests.Host.WebSockets;

/// <summary>
/// The write side of a client served straight on its socket, over a real loopback TCP connection: bytes arrive in the
/// order written whichever way each went (at once, or queued with others), a client that reads nothing holds its
/// writes back, and a reset or a dispose fails what waits.
/// </summary>
public sealed class SocketWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private Socket _server = null!;
    private Socket _client = null!;
    private SocketWriter _writer = null!;

    public async Task InitializeAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync();
        await _client.ConnectAsync(listener.LocalEndPoint!);
        _server = await accept;
        _writer = new SocketWriter(_server);
    }

    public Task DisposeAsync()
    {
        _writer.Dispose();
        _server.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WriteAsync_SmallLargeAndOwnWrites_ArriveInTheOrderWritten()
    {
        var small = Filled(300, 1);
        var large = Filled(SocketWriter.InlineBytes * 3, 2);
        var own = Filled(20, 3);
        var writes = new List<byte[]>();
        for (var i = 0; i < 50; i++)
        {
            var next = (i % 5) switch { 0 => large, 1 => own, _ => small };
            writes.Add(next);
            await _writer.WriteAsync(next, shared: next != own);
        }

        await _writer.DrainAsync().WaitAsync(s_wait);
        var expected = writes.SelectMany(w => w).ToArray();

        Assert.Equal(expected, await ReceiveAsync(expected.Length));
    }

    [Fact]
    public async Task WriteAsync_OwnBytesThatWait_AreCopiedBeforeTheWriteCompletes()
    {
        var queuedFirst = Filled(100, 1);
        var own = Filled(100, 7);

        // A small shared frame queues; the socket's own bytes written behind it must wait, so they are copied.
        await _writer.WriteAsync(queuedFirst, shared: true);
        await _writer.WriteAsync(own, shared: false);
        System.Array.Fill(own, (byte)0);
        await _writer.DrainAsync().WaitAsync(s_wait);

        var received = await ReceiveAsync(200);

        Assert.Equal([.. queuedFirst, .. Filled(100, 7)], received);
    }

    [Fact]
    public async Task WriteAsync_ClientReadsNothing_WritesWaitUntilItReads()
    {
        var frame = Filled(SocketWriter.InlineBytes * 2, 5);
        ValueTask pending = default;
        var written = 0;
        var reading = false;
        for (var i = 0; i < 10_000 && !reading; i++)
        {
            pending = _writer.WriteAsync(frame, shared: true);
            written++;
            if (!pending.IsCompleted)
            {
                reading = true;
            }
        }

        Assert.True(reading, "the writer never pushed back on a client that reads nothing");
        var received = ReceiveAsync(written * frame.Length);
        await pending.AsTask().WaitAsync(s_wait);
        await _writer.DrainAsync().WaitAsync(s_wait);

        Assert.Equal(written * frame.Length, (await received).Length);
    }

    [Fact]
    public async Task WriteAsync_AfterTheClientReset_Fails()
    {
        _client.LingerState = new LingerOption(true, 0);
        _client.Close();
        var frame = Filled(SocketWriter.InlineBytes, 1);

        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                await _writer.WriteAsync(frame, shared: true);
                await Task.Delay(5);
            }
        }).WaitAsync(s_wait);

        Assert.IsType<SocketException>(failure.InnerException);
        await Assert.ThrowsAsync<IOException>(() => _writer.DrainAsync());
    }

    [Fact]
    public async Task Dispose_WhileAWriteWaits_FailsItAndEveryLaterWrite()
    {
        var pending = await WriteUntilOneWaitsAsync();
        _writer.Dispose();

        await Assert.ThrowsAsync<OperationCanceledException>(() => pending).WaitAsync(s_wait);
        await Assert.ThrowsAsync<OperationCanceledException>(() => _writer.WriteAsync(Filled(10, 1), shared: true).AsTask());
        Assert.True(_server.Connected, "the writer closed a socket its connection owns");
    }

    [Fact]
    public async Task ReleaseWaitingWrites_WhileASendWaits_ReleasesTheWriteAndTheSendStillCompletes()
    {
        var pending = await WriteUntilOneWaitsAsync();
        _writer.ReleaseWaitingWrites();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending).WaitAsync(s_wait);
        var later = _writer.WriteAsync(Filled(SocketWriter.PauseBytes + 1, 2), shared: true).AsTask();
        Assert.True(later.IsCanceled, "a write that had to wait after the release was not cancelled at once");
        var drained = _writer.DrainAsync();
        Assert.False(drained.IsCompleted, "the send under way was given up");
        // The drain completes a moment after the client has read the last bytes: a receive may still wait when it does.
        var buffer = new byte[64 * 1024];
        while (!drained.IsCompleted)
        {
            var receive = _client.ReceiveAsync(buffer, SocketFlags.None);
            await Task.WhenAny(receive, drained).WaitAsync(s_wait);
            if (receive.IsCompleted)
            {
                Assert.NotEqual(0, await receive);
            }
        }

        await drained;
    }

    // Large frames at a client that reads nothing, through small socket buffers, until a write has waited for 200 ms.
    private async Task<Task> WriteUntilOneWaitsAsync()
    {
        _client.ReceiveBufferSize = 4096;
        _server.SendBufferSize = 4096;
        var frame = Filled(SocketWriter.InlineBytes * 4, 9);
        for (var i = 0; i < 10_000; i++)
        {
            var write = _writer.WriteAsync(frame, shared: true).AsTask();
            if (!write.IsCompleted && await Task.WhenAny(write, Task.Delay(200)) != write)
            {
                return write;
            }
        }

        throw new InvalidOperationException("the writer never waited for a client that reads nothing");
    }

    private static byte[] Filled(int length, byte value)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)(value + (i % 7));
        }

        return bytes;
    }

    private async Task<byte[]> ReceiveAsync(int length)
    {
        var buffer = new byte[length];
        var received = 0;
        using var timeout = new CancellationTokenSource(s_wait);
        while (received < length)
        {
            var count = await _client.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            Assert.NotEqual(0, count);
            received += count;
        }

        return buffer;
    }
}
