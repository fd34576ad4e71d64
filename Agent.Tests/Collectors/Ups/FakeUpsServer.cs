using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Agent.Collectors.Ups;

namespace Agent.Tests.Collectors.Ups;

/// <summary>
/// A stand-in UPS daemon on 127.0.0.1 that the test switches between answering properly (apcupsd NIS or NUT, from a
/// dump) and misbehaving: saying nothing, cutting the connection in the middle of its reply, or sending garbage.
/// </summary>
internal sealed class FakeUpsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _protocol;
    private readonly IReadOnlyList<string> _dump;
    private readonly Task _accepting;

    public FakeUpsServer(string protocol, IReadOnlyList<string> dump)
    {
        _protocol = protocol;
        _dump = dump;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    private volatile FakeUpsBehaviour _mode = FakeUpsBehaviour.Answer;

    /// <summary>How the next connections are served.</summary>
    public FakeUpsBehaviour Mode
    {
        get => _mode;
        set => _mode = value;
    }

    public string Address => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var reply = _protocol == UpsBackends.Apcupsd ? await NisReplyAsync(stream) : await NutReplyAsync(stream);
                await SendAsync(stream, reply);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client gave up (its timeout) or the test is over.
            }
        }
    }

    private async Task SendAsync(NetworkStream stream, byte[] reply)
    {
        switch (Mode)
        {
            case FakeUpsBehaviour.Silent:
                await Task.Delay(Timeout.Infinite, _stop.Token);
                break;
            case FakeUpsBehaviour.CutMidReply:
                await stream.WriteAsync(reply.AsMemory(0, reply.Length / 2), _stop.Token);
                break;
            case FakeUpsBehaviour.Garbage:
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
                break;
            default:
                await stream.WriteAsync(reply, _stop.Token);
                await stream.FlushAsync(_stop.Token);
                await WaitForCloseAsync(stream);
                break;
        }
    }

    private async Task<byte[]> NisReplyAsync(NetworkStream stream)
    {
        var request = new byte[8];
        await stream.ReadExactlyAsync(request, _stop.Token);
        using var reply = new MemoryStream();
        foreach (var line in _dump)
        {
            var bytes = Encoding.ASCII.GetBytes(line + "\n");
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)bytes.Length);
            reply.Write(length);
            reply.Write(bytes);
        }

        reply.Write([0, 0]);
        return reply.ToArray();
    }

    // Answers LIST UPS at once and returns the reply to LIST VAR, the one the chosen behaviour spoils.
    private async Task<byte[]> NutReplyAsync(NetworkStream stream)
    {
        var reader = new StreamReader(stream, Encoding.ASCII);
        var reply = new StringBuilder();
        while (await reader.ReadLineAsync(_stop.Token) is { } command)
        {
            if (command == "LIST UPS")
            {
                await stream.WriteAsync("BEGIN LIST UPS\nUPS fake \"Fake UPS\"\nEND LIST UPS\n"u8.ToArray(), _stop.Token);
            }
            else if (command.StartsWith("LIST VAR", StringComparison.Ordinal))
            {
                reply.Append("BEGIN LIST VAR fake\n");
                foreach (var (key, value) in NutStatusParser.ParseDump(string.Join('\n', _dump)))
                {
                    reply.Append(CultureInfo.InvariantCulture, $"VAR fake {key} {NutWords.Quote(value)}\n");
                }

                reply.Append("END LIST VAR fake\n");
                break;
            }
        }

        return Encoding.ASCII.GetBytes(reply.ToString());
    }

    private async Task WaitForCloseAsync(NetworkStream stream)
    {
        var sink = new byte[256];
        while (await stream.ReadAsync(sink, _stop.Token) > 0)
        {
        }
    }
}
