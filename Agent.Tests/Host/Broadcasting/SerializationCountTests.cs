using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>An event is serialized once per encoding, however many clients of that encoding take it.</summary>
public sealed class SerializationCountTests
{
    private const int ClientsPerEncoding = 4;

    [Fact]
    public async Task Publish_ManyClientsOfEachEncoding_OneSerializationPerEncoding()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "20" });
        var statistics = server.Services.GetRequiredService<DeliveryStatistics>();
        var raw = new List<RawSocket>();
        var hubs = new List<HubConnection>();
        var received = new List<Task>();
        try
        {
            for (var i = 0; i < ClientsPerEncoding; i++)
            {
                raw.Add(await RawSocket.ConnectAsync(server, "?snapshot=false"));
                foreach (var messagePack in new[] { false, true })
                {
                    var connection = HubClients.Create(server, messagePack);
                    var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    connection.On<object>("SystemUpdate", _ => arrived.TrySetResult());
                    await connection.StartAsync().WithTimeout();

                    // Subscribing sends this client its snapshot before the call returns, so that serialization is
                    // counted before the measurement starts.
                    await connection.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
                    hubs.Add(connection);
                    received.Add(arrived.Task);
                }
            }

            var before = Enum.GetValues<Transport>().ToDictionary(t => t, statistics.SerializationsOn);
            server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System());
            received.AddRange(raw.Select(r => r.ReceiveEventAsync("system_update")));
            await Task.WhenAll(received).WithTimeout();

            Assert.All(Enum.GetValues<Transport>(), t => Assert.Equal(1, statistics.SerializationsOn(t) - before[t]));

            using var http = server.CreateClient();
            var metrics = await http.GetStringAsync("metrics").WithTimeout();
            var rawLine = $"uma_serializations_total{{transport=\"raw\"}} {statistics.SerializationsOn(Transport.Raw)}";
            Assert.Contains(rawLine, metrics, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var connection in hubs)
            {
                await connection.DisposeAsync();
            }

            foreach (var socket in raw)
            {
                await socket.DisposeAsync();
            }
        }
    }
}
