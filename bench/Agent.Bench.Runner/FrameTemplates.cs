using System.Text.Json;
using Agent.Bench.Payloads;
using Agent.Contracts.Serialization;

namespace Agent.Bench.Runner;

/// <summary>
/// Writes the agent's envelope of both payloads for the Node reference, with every timestamp replaced by a
/// placeholder that the reference fills at each publication, so that it sends the same bytes the agent sends.
/// </summary>
internal static class FrameTemplates
{
    public const string Placeholder = "@@TS@@";

    private static readonly DateTimeOffset s_marker = new(2001, 2, 3, 4, 5, 6, TimeSpan.Zero);

    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "system.json"), Envelope("system_update", BenchPayloads.System(s_marker)));
        File.WriteAllText(Path.Combine(folder, "disk.json"), Envelope("disk_list_update", BenchPayloads.Disks(s_marker)));
    }

    private static string Envelope(string topic, object payload)
    {
        var marker = JsonSerializer.Serialize(s_marker, AgentJson.Options).Trim('"');
        var data = JsonSerializer.Serialize(payload, payload.GetType(), AgentJson.Options).Replace(marker, Placeholder, StringComparison.Ordinal);
        return $"{{\"event\":\"{topic}\",\"timestamp\":\"{Placeholder}\",\"data\":{data}}}";
    }
}
