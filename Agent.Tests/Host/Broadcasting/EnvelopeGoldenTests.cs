using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agent.Collectors.Hosting;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>
/// For each topic, the raw frame of a fixed payload equals a checked-in frame, key order aside, so a renamed
/// property or a changed JSON type fails the build. Set AGENT_UPDATE_GOLDEN=1 to rewrite the files after a
/// deliberate change of the wire contract.
/// </summary>
public sealed class EnvelopeGoldenTests
{
    public static TheoryData<string> Topics() => [.. TopicCatalog.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Topics))]
    public void Write_FixedPayload_EqualsGoldenFrame(string topicName)
    {
        var topic = TopicCatalog.Find(topicName)!;
        var payload = Sample.ForEveryTopic()[topicName];

        var frame = EnvelopeWriter.Write(new Publication(topic, payload, Sample.Timestamp, 1));
        var actual = JsonNode.Parse(frame.Utf8.Span)!;
        var path = Path.Combine(TestPaths.RepositoryRoot, "Agent.Tests", "Fixtures", "Golden", $"{topicName}.json");
        if (Environment.GetEnvironmentVariable("AGENT_UPDATE_GOLDEN") == "1")
        {
            var indented = new JsonSerializerOptions { WriteIndented = true, Encoder = AgentJson.Options.Encoder };
            File.WriteAllText(path, actual.ToJsonString(indented) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        var expected = JsonNode.Parse(File.ReadAllText(path))!;

        Assert.True(JsonNode.DeepEquals(Sorted(expected), Sorted(actual)), $"frame of {topicName} differs from {path}:\n{actual.ToJsonString()}");
    }

    // DeepEquals compares objects key by key, so only arrays keep their order; this copy makes that explicit.
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
