using System.Text.Json;

namespace Agent.Host.WebSockets;

/// <summary>
/// A client's <c>{"subscribe":[...]}</c> frame, read with the semantics of the Go agent: an array of strings replaces
/// the filter, <c>[]</c> or <c>null</c> resets it to every topic, and anything else leaves it as it was.
/// </summary>
internal readonly record struct SubscribeRequest(SubscribeAction Action, IReadOnlySet<string>? Topics)
{
    private static readonly SubscribeRequest s_ignore = new(SubscribeAction.Ignore, null);
    private static readonly SubscribeRequest s_resetAll = new(SubscribeAction.ResetToAll, null);

    /// <summary>Reads one text frame.</summary>
    public static SubscribeRequest Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 8 });
            using var document = JsonDocument.ParseValue(ref reader);
            return FromRoot(document.RootElement);
        }
        catch (JsonException)
        {
            return s_ignore;
        }
    }

    private static SubscribeRequest FromRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("subscribe", out var value))
        {
            return s_ignore;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return s_resetAll;
            case JsonValueKind.Array when value.GetArrayLength() == 0:
                return s_resetAll;
            case JsonValueKind.Array:
                var topics = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return s_ignore;
                    }

                    topics.Add(item.GetString()!);
                }

                return new SubscribeRequest(SubscribeAction.Replace, topics);
            default:
                return s_ignore;
        }
    }
}
