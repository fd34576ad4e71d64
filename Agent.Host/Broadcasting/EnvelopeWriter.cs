using System.Buffers;
using System.Text.Json;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;

namespace Agent.Host.Broadcasting;

/// <summary>Writes the raw socket's envelope <c>{"event","timestamp","data"}</c> of a publication.</summary>
internal static class EnvelopeWriter
{
    /// <summary>The coalescing key of a publication: one pending value per topic, and per subsystem for source status.</summary>
    public static string KeyOf(Topic topic, object payload) =>
        payload is SourceStatus status ? $"{topic.Name}:{status.Subsystem}" : topic.Name;

    /// <summary>The frame of <paramref name="publication"/> for every raw client; its envelope is written when first read.</summary>
    /// <param name="publication">The event.</param>
    /// <param name="statistics">Where the serialization is counted, if anywhere.</param>
    public static RawFrame Write(Publication publication, DeliveryStatistics? statistics = null) => new(publication, statistics);

    /// <summary>Serializes <paramref name="publication"/> into the envelope's UTF-8 text.</summary>
    public static byte[] Serialize(Publication publication)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = AgentJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("event", publication.Topic.Name);
            writer.WriteString("timestamp", publication.Timestamp);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, publication.Payload, publication.Payload.GetType(), AgentJson.Options);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory.ToArray();
    }
}
