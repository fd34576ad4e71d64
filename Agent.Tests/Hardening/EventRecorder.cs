using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Tests.Support;

namespace Agent.Tests.Hardening;

/// <summary>A raw client that records every event it receives with the time it arrived, for timing and transition checks.</summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentQueue<(DateTime At, string Event, JsonElement Data)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public static async Task<EventRecorder> ConnectAsync(AgentServer server)
    {
        var recorder = new EventRecorder();
        await recorder._socket.ConnectAsync(server.WebSocketUri("api/v1/ws"), CancellationToken.None).WithTimeout();
        recorder._reader = recorder.ReadAsync();
        return recorder;
    }

    public IReadOnlyList<(DateTime At, string Event, JsonElement Data)> Events => [.. _events];

    /// <summary>The states reported for <paramref name="subsystem"/> by <c>source_status_changed</c>, in order.</summary>
    public IReadOnlyList<string> StatesOf(string subsystem) =>
        [.. Events.Where(e => e.Event == "source_status_changed" && e.Data.GetProperty("subsystem").GetString() == subsystem)
            .Select(e => e.Data.GetProperty("state").GetString()!)];

    /// <summary>Waits until the last reported state of <paramref name="subsystem"/> is <paramref name="state"/>.</summary>
    public Task WaitForStateAsync(string subsystem, Func<string, bool> state, TimeSpan timeout, string because) =>
        TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(StatesOf(subsystem) is { Count: > 0 } states && state(states[^1])),
            timeout,
            $"{because}; states so far: {string.Join(" → ", StatesOf(subsystem))}");

    /// <summary>The longest gap between two <paramref name="eventName"/> events since <paramref name="since"/>.</summary>
    public TimeSpan LongestGap(string eventName, DateTime since)
    {
        var times = Events.Where(e => e.Event == eventName && e.At >= since).Select(e => e.At).Append(DateTime.UtcNow).Prepend(since).ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).Max();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _reader.WithTimeout();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[4 * 1024 * 1024];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                var root = document.RootElement;
                _events.Enqueue((DateTime.UtcNow, root.GetProperty("event").GetString()!, root.GetProperty("data").Clone()));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Disposal ends the reader.
        }
    }
}
