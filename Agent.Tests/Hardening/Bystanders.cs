using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Hardening;

/// <summary>
/// A well-behaved raw client and a well-behaved hub client that must keep receiving every event whatever an
/// offender does. The raw one always has a receive pending, so it answers the server's pings like a real client.
/// </summary>
public sealed class Bystanders : IAsyncDisposable
{
    public const int Count = 2;

    private readonly AgentServer _server;
    private readonly ClientWebSocket _raw;
    private readonly HubConnection _hub;
    private readonly Channel<double> _rawCpu = Channel.CreateUnbounded<double>();
    private readonly Channel<double> _hubCpu = Channel.CreateUnbounded<double>();
    private readonly CancellationTokenSource _stop = new();
    private Task _rawReader = Task.CompletedTask;
    private double _next = 1;

    private Bystanders(AgentServer server, ClientWebSocket raw, HubConnection hub)
    {
        _server = server;
        _raw = raw;
        _hub = hub;
    }

    public static async Task<Bystanders> ConnectAsync(AgentServer server)
    {
        var raw = new ClientWebSocket();
        await raw.ConnectAsync(server.WebSocketUri("api/v1/ws?snapshot=false"), CancellationToken.None).WithTimeout();
        var hub = HubClients.Create(server, messagePack: false);

        // Often enough for the short hub client timeout that the half-open test gives its server.
        hub.KeepAliveInterval = TimeSpan.FromSeconds(1);
        var bystanders = new Bystanders(server, raw, hub);
        hub.On<SystemSnapshot>("SystemUpdate", s => bystanders._hubCpu.Writer.TryWrite(s.CpuUsagePercent));
        await hub.StartAsync().WithTimeout();
        await hub.InvokeAsync("Subscribe", new[] { TopicCatalog.Groups.System }).WithTimeout();
        bystanders._rawReader = bystanders.ReadRawAsync();
        return bystanders;
    }

    /// <summary>Publishes <paramref name="count"/> system updates one after the other; both clients must see each one.</summary>
    public async Task AssertEveryEventAsync(int count = 10)
    {
        for (var i = 0; i < count; i++)
        {
            var cpu = _next;
            _next = _next >= 99 ? 1 : _next + 1;
            _server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: cpu));
            await ExpectAsync(_rawCpu.Reader, cpu, "raw");
            await ExpectAsync(_hubCpu.Reader, cpu, "hub");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _hub.DisposeAsync();
        _raw.Abort();
        await _rawReader.WithTimeout();
        _raw.Dispose();
        _stop.Dispose();
    }

    private static async Task ExpectAsync(ChannelReader<double> reader, double cpu, string which)
    {
        using var cts = new CancellationTokenSource(TaskTimeoutExtensions.DefaultTimeout);
        double seen;
        do
        {
            try
            {
                seen = await reader.ReadAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the {which} bystander did not receive the event with cpu {cpu}.");
            }
        }
        while (seen != cpu);
    }

    private async Task ReadRawAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _raw.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                var root = document.RootElement;
                if (root.GetProperty("event").GetString() == TopicCatalog.SystemUpdate.Name)
                {
                    _rawCpu.Writer.TryWrite(root.GetProperty("data").GetProperty("cpu_usage_percent").GetDouble());
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Disposal aborts the socket; a bystander that lost its socket shows as a missing event instead.
        }
    }
}
