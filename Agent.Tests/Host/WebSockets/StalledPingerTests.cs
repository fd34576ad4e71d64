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
/// A raw client that reads nothing yet keeps pinging: its socket's pongs wait behind the broadcasts it never takes.
/// Evicting it for the stalled broadcast must also end the socket's own waiting write, or the connection (and its slot
/// under the client cap) would stay until the client hung up.
/// </summary>
public sealed class StalledPingerTests
{
    // About 170 KB a frame, to fill the socket buffers quickly.
    private static readonly object s_filler = Sample.Disks(200);

    [Fact]
    public async Task StalledClient_ThatKeepsPinging_IsEvictedAndFreesItsSlot()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:WriteTimeoutSeconds"] = "1",
            ["Agent:MaxInboundPingsPerSecond"] = "100000",
        });
        var registry = server.Services.GetRequiredService<RawClientRegistry>();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port).WithTimeout();
        await UpgradeAsync(client, server);
        var registered = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (registry.Count == 0 && DateTime.UtcNow < registered)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, registry.Count);

        // Pongs of 127 bytes each: enough of them to fill the socket writer's queue behind a stalled broadcast.
        var ping = HostileTcp.Frame(HostileTcp.Ping, new byte[125]);
        var pings = Enumerable.Repeat(ping, 200).SelectMany(p => p).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (registry.Count > 0 && DateTime.UtcNow < deadline)
        {
            server.Topics.Publish(TopicCatalog.DiskListUpdate, s_filler);
            try
            {
                using var sendLimit = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                await client.SendAsync(pings, SocketFlags.None, sendLimit.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // The server stopped reading or let go: the registry tells which.
            }

            await Task.Delay(20);
        }

        Assert.Equal(0, registry.Count);
    }

    private static async Task UpgradeAsync(Socket client, AgentServer server)
    {
        var request = $"GET /api/v1/ws?snapshot=false HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            + $"Sec-WebSocket-Key: {Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))}\r\n\r\n";
        await client.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None).WithTimeout();

        // The answer byte by byte, so that nothing after it is read.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await client.ReceiveAsync(one, SocketFlags.None).WithTimeout());
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
    }
}
