using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Contracts.Topics;

namespace Agent.LoadTest;

/// <summary>A raw WebSocket client of <c>/api/v1/ws</c> that counts frames by their envelope's <c>event</c>.</summary>
internal sealed class RawLoadClient(ClientTally tally, Uri baseAddress, IReadOnlyList<string> groups) : ILoadClient
{
    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly RefusalCapturingHandler _handler = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;

    public ClientTally Tally { get; } = tally;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = new Uri(baseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + "api/v1/ws");
        var watch = Stopwatch.StartNew();
        try
        {
            using var invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
            await _socket.ConnectAsync(uri, invoker, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException)
        {
            var reason = Describe(ex);
            Tally.Refused(watch.Elapsed, reason, CapRefusal.IsCap(reason));
            return;
        }

        Tally.Accepted(watch.Elapsed);
        if (groups.Count > 0)
        {
            await SubscribeAsync(cancellationToken).ConfigureAwait(false);
        }

        _receiving = ReceiveAsync(_stop.Token);
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        _closing = true;
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(s_closeTimeout);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "load test done", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                Tally.Error($"close failed: {ex.Message}");
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiving.ConfigureAwait(false);
        _socket.Dispose();
        _handler.Dispose();
        _stop.Dispose();
    }

    private string Describe(Exception ex)
    {
        if (_handler.RefusedStatus is { } status)
        {
            return $"HTTP {(int)status} {CapRefusal.Reason(DescribeBody(_handler.RefusedBody))}";
        }

        return $"{ex.GetType().Name}: {ex.Message}";
    }

    // The cap's body is {"error":"maximum connections reached","max_clients":10}; anything else is shown as it came.
    private static string DescribeBody(string? body)
    {
        if (body is not { Length: > 0 })
        {
            return "(no body)";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error) && root.TryGetProperty("max_clients", out var max))
            {
                return $"{error.GetString()} (max_clients={max.GetRawText()})";
            }
        }
        catch (JsonException)
        {
            // Not the agent's JSON error: the raw body is the best description.
        }

        return body;
    }

    private async Task SubscribeAsync(CancellationToken cancellationToken)
    {
        var topics = groups.SelectMany(TopicCatalog.InGroup).Select(t => t.Name).Append(TopicCatalog.SourceStatusChanged.Name);
        var frame = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string[]> { ["subscribe"] = [.. topics] });
        await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReceiveAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(message.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    EndedByServer($"closed by the agent: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }

                message.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    Tally.Count(TopicOf(message.WrittenSpan));
                    message.ResetWrittenCount();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The tool stopped the client.
        }
        catch (WebSocketException ex)
        {
            EndedByServer($"socket failed: {ex.Message}");
        }
    }

    private void EndedByServer(string reason)
    {
        if (!_closing)
        {
            Tally.Disconnected(reason);
        }
    }

    // Only the envelope's "event" is read: the counted type comes from the agent's own label, never from data keys.
    private static string TopicOf(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return "unknown";
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    return name is not null && TopicCatalog.Find(name) is { } topic ? topic.Name : "unknown";
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A frame that is not JSON is counted as unknown so that it shows in the report.
        }

        return "unknown";
    }
}
