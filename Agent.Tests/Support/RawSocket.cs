using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Agent.Tests.Support;

/// <summary>A real <see cref="ClientWebSocket"/> on the raw endpoint, with bounded receives.</summary>
public sealed class RawSocket : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[1024 * 1024];

    private RawSocket(ClientWebSocket socket)
    {
        Socket = socket;
    }

    public ClientWebSocket Socket { get; }

    public static async Task<RawSocket> ConnectAsync(AgentServer server, string query = "", Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        await socket.ConnectAsync(server.WebSocketUri("api/v1/ws" + query), CancellationToken.None).WithTimeout();
        return new RawSocket(socket);
    }

    /// <summary>The next text frame as JSON, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        var length = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(length), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                using var document = JsonDocument.Parse(_buffer.AsMemory(0, length));
                return document.RootElement.Clone();
            }
        }
    }

    /// <summary>Frames until one of event <paramref name="eventName"/> arrives (others are skipped).</summary>
    public async Task<JsonElement> ReceiveEventAsync(string eventName, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = await ReceiveAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1))
                ?? throw new InvalidOperationException($"socket closed before '{eventName}' arrived");
            if (frame.GetProperty("event").GetString() == eventName)
            {
                return frame;
            }
        }
    }

    /// <summary>Waits for the server's close frame and returns its status.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TaskTimeoutExtensions.DefaultTimeout);
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return Socket.CloseStatus;
            }
        }
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None).WithTimeout();

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The server may already have gone; the socket is disposed below either way.
            }
        }

        Socket.Dispose();
    }
}
