using System.Net;
using System.Net.Sockets;
using System.Text;
using Agent.Tests.Hardening;
using Agent.Tests.Support;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Host.Security;

public sealed class KestrelLimitsTests
{
    [Fact]
    public async Task Kestrel_Defaults_AreSetDeliberately()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "7" });

        var limits = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(7 + 256, limits.MaxConcurrentUpgradedConnections);
        Assert.Equal(16 * 1024, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(128 * 1024, limits.MaxRequestBodySize);
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), limits.KeepAliveTimeout);
    }

    [Fact]
    public async Task Request_HeadersOverLimit_Answers431()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/health");
        request.Headers.Add("X-Padding", new string('a', 20 * 1024));

        using var response = await client.SendAsync(request).WithTimeout();

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Connection_PartialHeaders_IsClosedAfterRequestHeadersTimeout()
    {
        var settings = new Dictionary<string, string?> { ["Agent:Limits:RequestHeadersTimeoutSeconds"] = "1" };
        await using var server = await AgentServer.StartAsync(settings);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port).WithTimeout();
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webs"));

        var started = DateTime.UtcNow;
        var answer = await HostileTcp.ReadToEndAsync(stream, TimeSpan.FromSeconds(10));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "Kestrel closed the connection too late.");
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
        Assert.Empty(server.Logs.AtOrAbove(Microsoft.Extensions.Logging.LogLevel.Error));
    }
}
