using System.Text.Json;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;

namespace Agent.Host.Hubs;

/// <summary>
/// MessagePack settings that give the payloads the same snake_case keys as JSON. A payload is written through its
/// JSON form (<see cref="AgentJson"/>), so the key names are decided in one place and cannot drift between encodings.
/// Each broadcast is serialized once per protocol, so the detour costs once per event, not once per client.
/// </summary>
/// <remarks>
/// Everything else a hub call carries is a string, an array of strings or an empty result (which a client reads as an
/// object), so the built-in formatters, the generic ones (arrays, lists) and the primitive object formatter are all the
/// resolver needs. MessagePack's standard resolver would also bring its dynamic ones, which generate code at run time:
/// expression trees and a dynamic assembly the agent never uses.
/// </remarks>
public static class AgentMessagePack
{
    /// <summary>Options for the SignalR MessagePack protocol, on the server and in .NET clients.</summary>
    public static MessagePackSerializerOptions Options { get; } =
        new MessagePackSerializerOptions(CompositeResolver.Create(
                ContractsResolver.Instance,
                BuiltinResolver.Instance,
                DynamicGenericResolver.Instance,
                PrimitiveObjectResolver.Instance))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    private sealed class ContractsResolver : IFormatterResolver
    {
        public static readonly ContractsResolver Instance = new();

        private static readonly System.Reflection.Assembly s_contracts = typeof(TopicCatalog).Assembly;

        public IMessagePackFormatter<T>? GetFormatter<T>() => IsContract(typeof(T)) ? JsonBridgeFormatter<T>.Instance : null;

        private static bool IsContract(Type type) =>
            type.Assembly == s_contracts || (type.IsGenericType && type.GetGenericArguments().Any(IsContract));
    }

    private sealed class JsonBridgeFormatter<T> : IMessagePackFormatter<T>
    {
        public static readonly JsonBridgeFormatter<T> Instance = new();

        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            using var json = new StringReader(JsonSerializer.Serialize(value, AgentJson.Options));
            MessagePackSerializer.ConvertFromJson(json, ref writer, options);
        }

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return default!;
            }

            using var json = new StringWriter();
            MessagePackSerializer.ConvertToJson(ref reader, json, options);
            return JsonSerializer.Deserialize<T>(json.ToString(), AgentJson.Options)!;
        }
    }
}
