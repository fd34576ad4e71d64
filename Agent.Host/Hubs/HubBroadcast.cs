using Agent.Host.Broadcasting;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// One hub message as every member of a send gets it: serialized once per encoding the members use, and framed once
/// for the members on a WebSocket, since a server's frames are not masked and the same bytes serve them all.
/// </summary>
/// <param name="message">The message, whose serialized forms SignalR caches per protocol.</param>
internal sealed class HubBroadcast(SerializedHubMessage message)
{
    private byte[]? _jsonFrame;
    private byte[]? _messagePackFrame;

    /// <summary>The message, for a member whose transport SignalR writes (Server-Sent Events, long polling).</summary>
    public SerializedHubMessage Message { get; } = message;

    /// <summary>
    /// Serializes and frames the message in <paramref name="client"/>'s encoding. The sender calls it before handing the
    /// message to any member, once per encoding in use; the members' pumps only read the frames afterwards.
    /// </summary>
    public void Prepare(HubClient client)
    {
        var serialized = Message.GetSerializedMessage(client.Connection.Protocol).Span;
        if (client.Transport == Transport.SignalrMessagepack)
        {
            _messagePackFrame = WebSocketFrames.Binary(serialized);
        }
        else
        {
            _jsonFrame = WebSocketFrames.Text(serialized);
        }
    }

    /// <summary>The WebSocket frame in <paramref name="transport"/>'s encoding; empty when it was not prepared.</summary>
    public ReadOnlyMemory<byte> FrameFor(Transport transport) =>
        transport == Transport.SignalrMessagepack ? _messagePackFrame : _jsonFrame;
}
