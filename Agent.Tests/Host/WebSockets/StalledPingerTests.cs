using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Agent.Contracts.Topics;
using Agent.Host.WebSockets;
using Agent.Tests.Hardening;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.WebSockets;

/// <summary>
/// A client that reads nothing yet keeps pinging: its socket's pongs wait behind the broadcasts it never takes.
/// Evicting it for the stalled broadcast must also end the socket's own waiting writes, or the connection (and, on the
/// raw socket, its slot under the client cap) would stay until the client hung up.
/// </summary>
public sealed class StalledPingerTests
{
    // About 170 KB a frame, to fill the socket buffers quickly.
    private static readonly object s_filler = Sample.Disks(200);

    [Fact]
    public async Task RawClient_StalledWhilePinging_IsEvictedAndItsConnectionEnds()
    {
        await using var server = await StartAsync();
        var registry = server.Services.GetRequiredService<RawClientRegistry>();
        using var client = await UpgradeAsync(server, "/api/v1/ws?snapshot=false");
        await WaitAsync(() => registry.Count == 1, "the client never registered");
        Assert.True(IsEstablished(client), "the client's connection is not found as established");

        await StallWhilePingingAsync(server, client, () => registry.Count == 0 && !IsEstablished(client));

        Assert.Equal(0, registry.Count);
        Assert.False(IsEstablished(client), "the server kept the stalled client's connection open");
    }

    // Served below the HTTP server (the connection's first request), and through it (after a keep-alive request).
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HubClient_StalledWhilePinging_IsEvictedAndItsConnectionEnds(bool throughHttp)
    {
        await using var server = await StartAsync();
        using var client = await UpgradeAsync(server, "/hubs/agent?groups=array", throughHttp);
        await client.SendAsync(HostileTcp.TextFrame("{\"protocol\":\"json\",\"version\":1}\u001e"), SocketFlags.None).WithTimeout();
        Assert.True(IsEstablished(client), "the client's connection is not found as established");

        await StallWhilePingingAsync(server, client, () => !IsEstablished(client));

        Assert.False(IsEstablished(client), "the server kept the stalled hub client's connection open");
    }

    private static Task<AgentServer> StartAsync() => AgentServer.StartAsync(new Dictionary<string, string?>
    {
        ["Agent:WriteTimeoutSeconds"] = "1",
        ["Agent:MaxInboundPingsPerSecond"] = "100000",
    });

    // Publishes big frames and sends pings (pongs of 127 bytes, enough to fill the writer's queue behind a stalled
    // broadcast) without ever reading, until done says so or 30 s pass.
    private static async Task StallWhilePingingAsync(AgentServer server, Socket client, Func<bool> done)
    {
        var ping = HostileTcp.Frame(HostileTcp.Ping, new byte[125]);
        var pings = Enumerable.Repeat(ping, 200).SelectMany(p => p).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!done() && DateTime.UtcNow < deadline)
        {
            server.Topics.Publish(TopicCatalog.DiskListUpdate, s_filler);
            try
            {
                using var sendLimit = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                await client.SendAsync(pings, SocketFlags.None, sendLimit.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // The server stopped reading or let go: done tells which.
            }

            await Task.Delay(20);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), failure);
    }

    // The client's end as the kernel sees it, without reading what waits in its buffer: state 01 in /proc/net/tcp is
    // ESTABLISHED; after the server's reset the entry is gone, after its FIN it is CLOSE_WAIT.
    private static bool IsEstablished(Socket client)
    {
        static string Hex(EndPoint? endPoint) => "0100007F:" + ((IPEndPoint)endPoint!).Port.ToString("X4", CultureInfo.InvariantCulture);
        var (local, remote) = (Hex(client.LocalEndPoint), Hex(client.RemoteEndPoint));
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields[1] == local && fields[2] == remote && fields[3] == "01");
    }

    private static async Task<Socket> UpgradeAsync(AgentServer server, string pathAndQuery, bool throughHttp = false)
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port).WithTimeout();

        // A first request of the connection (a HEAD, answered without a body) makes the upgrade a later one, which the HTTP
        // pipeline serves.
        if (throughHttp)
        {
            var probe = $"HEAD /api/v1/health HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\n\r\n";
            await client.SendAsync(Encoding.ASCII.GetBytes(probe), SocketFlags.None).WithTimeout();
            Assert.DoesNotContain("Connection: close", await ReadHeadAsync(client), StringComparison.OrdinalIgnoreCase);
        }

        var request = $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + $"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None).WithTimeout();
        Assert.StartsWith("HTTP/1.1 101", await ReadHeadAsync(client), StringComparison.Ordinal);
        return client;
    }

    // An answer's head byte by byte, so that nothing after it is read.
    private static async Task<string> ReadHeadAsync(Socket client)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await client.ReceiveAsync(one, SocketFlags.None).WithTimeout());
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
