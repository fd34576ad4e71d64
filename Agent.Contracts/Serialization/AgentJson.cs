using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agent.Contracts.Serialization;

/// <summary>
/// The serializer settings of the wire: snake_case names (the Go agent's), enums as strings, and numbers that must
/// never be NaN or infinite. Every encoding (raw JSON, SignalR JSON, SignalR MessagePack) derives its keys from here.
/// </summary>
public static class AgentJson
{
    /// <summary>Options for every payload and envelope on the wire.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the wire settings to <paramref name="options"/> (for SignalR's JSON protocol and ASP.NET's JSON).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.Strict;

        // The wire is never embedded in HTML: keep '+' in offsets and non-ASCII names readable, as the Go agent sends them.
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
