using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Agent.Tests.Support;

namespace Agent.Tests.Host.WebSockets;

public sealed class RawKeepaliveTests
{
    [Fact]
    public async Task SilentClient_NoPongPastDeadline_IsClosedAndSlotReleased()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:PingIntervalSeconds"] = "1",
            ["Agent:ClientTimeoutSeconds"] = "2",
        });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port).WithTimeout();
        var stream = tcp.GetStream();

        // A client that completes the upgrade by hand and then never answers a ping: nothing replies for it.
        var request = $"GET /api/v1/ws?snapshot=false HTTP/1.1\r\nHost: {server.BaseAddress.Authority}\r\nConnection: Upgrade\r\n" +
            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request)).AsTask().WithTimeout();
        var started = DateTime.UtcNow;
        var closed = await ReadUntilClosedAsync(stream).WithTimeout(TimeSpan.FromSeconds(20));
        var elapsed = DateTime.UtcNow - started;

        Assert.True(closed);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(15));
        await TaskTimeoutExtensions.EventuallyAsync(async () => await CurrentConnectionsAsync(server) == 0);
    }

    private static async Task<bool> ReadUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        try
        {
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset counts as closed, like an orderly end of stream.
        }

        return true;
    }

    private static async Task<int> CurrentConnectionsAsync(AgentServer server)
    {
        using var client = server.CreateClient();
        var figures = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/connections", UriKind.Relative)));
        return figures.RootElement.GetProperty("current").GetInt32();
    }
}
