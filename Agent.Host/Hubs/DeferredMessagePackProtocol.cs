using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Agent.Host.Hubs;

/// <summary>
/// SignalR's MessagePack protocol, built when a client first uses it instead of when the hub starts.
/// </summary>
/// <remarks>
/// Building MessagePack's serializer options runs its security settings' static constructor, which seeds a SipHash
/// key from the system's cryptographic random generator, and on Linux that loads OpenSSL: about 5 MB of resident
/// memory. Built at start-up, it cost an agent with no client at all those 5 MB; deferred, OpenSSL comes with the
/// first thing that needs it (a negotiate's connection id, a WebSocket handshake's SHA-1, a configured API token).
/// The hub reads only the name, version and transfer format of a protocol until a client asks for it in its
/// handshake, and those are constants here. A failure to build it would repeat for every later MessagePack client
/// (the lazy value keeps the exception); it depends on nothing but the agent's own options, so it would fail the
/// first client too and show in the tests.
/// </remarks>
internal sealed class DeferredMessagePackProtocol : IHubProtocol
{
    /// <summary>The protocol's name in a client's handshake.</summary>
    public const string ProtocolName = "messagepack";

    /// <summary>The newest version of the protocol that <see cref="MessagePackHubProtocol"/> speaks.</summary>
    public const int ProtocolVersion = 2;

    private readonly Lazy<MessagePackHubProtocol> _protocol = new(
        () => new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions { SerializerOptions = AgentMessagePack.Options })));

    public string Name => ProtocolName;

    public int Version => ProtocolVersion;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    /// <summary>Whether the protocol has been built (for tests).</summary>
    internal bool IsBuilt => _protocol.IsValueCreated;

    public bool IsVersionSupported(int version) => _protocol.Value.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _protocol.Value.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _protocol.Value.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _protocol.Value.GetMessageBytes(message);
}
