using System.Net.Sockets;
using System.Text;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Hardening;

/// <summary>
/// A Docker endpoint that answers HTTP with a body that is not the Engine API's JSON (a socket taken over by another
/// program, a broken proxy): the source is reported, the event watcher retries, and the agent keeps serving.
/// </summary>
public sealed class DockerUnreadableEndpointTests
{
    private static readonly TimeSpan s_transitionTimeout = TimeSpan.FromSeconds(30);
    private static readonly byte[] s_garbage =
        Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{garbage]");

    [Fact]
    public async Task DockerEndpoint_AnsweringInvalidJson_IsReportedAndAgentKeepsServing()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "docker.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(16);
        using var stop = new CancellationTokenSource();
        var answering = AnswerEveryRequestAsync(listener, stop.Token);

        await using (var server = await AgentServer.StartAsync(new Dictionary<string, string?>
        {
            ["Agent:Docker:Endpoint"] = $"unix://{path}",
            ["Agent:Intervals:Containers"] = "1",
            ["Agent:Intervals:System"] = "1",
        }))
        {
            await using var events = await EventRecorder.ConnectAsync(server);
            await events.WaitForStateAsync("containers", IsFaulty, s_transitionTimeout, "the unreadable endpoint was not reported");

            // Several of the event watcher's retries: each must fail quietly, not stop the host.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await FaultySourceTests.AssertStillServingAsync(server);

            Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
            Assert.Contains(server.Logs.Records, r => r.Message.Contains("Docker Engine API", StringComparison.Ordinal));
        }

        await stop.CancelAsync();
        await answering;
    }

    private static bool IsFaulty(string state) => state is SourceHealthState.Degraded or SourceHealthState.Unavailable;

    private static async Task AnswerEveryRequestAsync(Socket listener, CancellationToken cancellationToken)
    {
        var clients = new List<Task>();
        try
        {
            while (true)
            {
                clients.Add(AnswerAsync(await listener.AcceptAsync(cancellationToken), cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(clients);
        }
    }

    // Every request (up to its blank line) gets the same well-framed HTTP answer with a body that is not JSON.
    private static async Task AnswerAsync(Socket client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var buffer = new byte[8192];
            var pending = new StringBuilder();
            try
            {
                int read;
                while ((read = await client.ReceiveAsync(buffer, cancellationToken)) > 0)
                {
                    pending.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    int end;
                    while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
                    {
                        pending.Remove(0, end + 4);
                        await client.SendAsync(s_garbage, cancellationToken);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException)
            {
                // The agent hung up, or the test is over.
            }
        }
    }
}
