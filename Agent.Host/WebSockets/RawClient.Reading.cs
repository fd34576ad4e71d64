using System.Buffers;
using System.Net.WebSockets;
using System.Text.Unicode;
using Agent.Host.Broadcasting;

namespace Agent.Host.WebSockets;

internal sealed partial class RawClient
{
    // Only a close of the server's own ends a read early. The connection's end needs no token: the stream under the socket
    // ends with it. A token would also race the client's last frames: one that sends its close frame and then ends its
    // side of the connection would have the close frame's read cancelled (and the socket aborted, with no reply) whenever
    // the end was seen first.
    private async Task ReadLoopAsync()
    {
        var closing = _closing.Token;
        while (true)
        {
            // Waits for the next frame without a buffer: an idle client (nearly all of them) holds no receive memory.
            var first = await _socket.ReceiveAsync(Memory<byte>.Empty, closing).ConfigureAwait(false);
            if (first.MessageType == WebSocketMessageType.Close)
            {
                RequestClose(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "closed by the client");
                return;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(MaxInboundBytes + 1);
            try
            {
                var message = first.EndOfMessage
                    ? new InboundMessage(first.MessageType, 0)
                    : await ReceiveMessageAsync(first.MessageType, buffer, closing).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }

                if (_closeRequest is null)
                {
                    Handle(message.Value, buffer);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    // Reads the rest of one message into buffer. Returns null when the client's close frame arrived (and was answered).
    private async Task<InboundMessage?> ReceiveMessageAsync(WebSocketMessageType type, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        var tooBig = false;
        while (true)
        {
            var free = tooBig ? buffer.AsMemory() : buffer.AsMemory(length);
            var result = await _socket.ReceiveAsync(free, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                RequestClose(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "closed by the client");
                return null;
            }

            // Past the limit the rest of the message is read and thrown away, so the close frame can still be seen.
            if (!tooBig)
            {
                length += result.Count;
                tooBig = length > MaxInboundBytes;
            }

            if (result.EndOfMessage)
            {
                return new InboundMessage(type, tooBig ? -1 : length);
            }
        }
    }

    private void Handle(InboundMessage message, byte[] buffer)
    {
        if (message.Length < 0)
        {
            RequestClose(WebSocketCloseStatus.MessageTooBig, $"inbound messages are limited to {MaxInboundBytes / 1024} KiB");
            return;
        }

        if (message.Type == WebSocketMessageType.Binary)
        {
            RequestClose(WebSocketCloseStatus.InvalidMessageType, "binary frames are not accepted; send JSON text");
            return;
        }

        var utf8 = buffer.AsSpan(0, message.Length);
        if (!Utf8.IsValid(utf8))
        {
            RequestClose(WebSocketCloseStatus.InvalidPayloadData, "text frame is not valid UTF-8");
            return;
        }

        if (IsFlooding())
        {
            RequestClose(WebSocketCloseStatus.PolicyViolation, $"more than {_settings.MaxMessagesPerSecond} messages a second");
            return;
        }

        ApplySubscribe(SubscribeRequest.Parse(utf8));
    }

    private bool IsFlooding()
    {
        var second = Environment.TickCount64 / 1000;
        if (second != _currentSecond)
        {
            _currentSecond = second;
            _messagesThisSecond = 0;
        }

        return ++_messagesThisSecond > _settings.MaxMessagesPerSecond;
    }

    private void ApplySubscribe(SubscribeRequest request)
    {
        switch (request.Action)
        {
            case SubscribeAction.Replace:
                _filter = request.Topics;
                break;
            case SubscribeAction.ResetToAll:
                _filter = null;
                break;
            default:
                return;
        }

        if (_logger.IsEnabled(LogLevel.Trace))
        {
            RawSocketLog.FilterChanged(_logger, Id, _filter is null ? "every topic" : string.Join(',', _filter));
        }

        if (_settings.SendSnapshots)
        {
            QueueSnapshot();
        }
    }

    private readonly record struct InboundMessage(WebSocketMessageType Type, int Length);
}
