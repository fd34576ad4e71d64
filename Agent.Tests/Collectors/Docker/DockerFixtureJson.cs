using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Docker;

/// <summary>
/// Reads the captured Engine replies under <c>shared/fixtures/docker</c> into Docker.DotNet's own models. The
/// library's serializer options are internal, so this gives System.Text.Json the two conversions they add: epoch
/// seconds for <c>Created</c>, nanoseconds for health-check durations, and the <c>EnumMember</c> names of its enums (<c>unless-stopped</c>).
/// </summary>
public static class DockerFixtureJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        Converters = { new EpochOrTextDateTimeConverter(), new NanosecondsTimeSpanConverter(), new EnumMemberConverterFactory() },
    };

    /// <summary>Deserializes one shared fixture file.</summary>
    public static T Read<T>(string fileName) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(TestPaths.Shared("docker", fileName)), s_options)
            ?? throw new InvalidOperationException($"{fileName} holds JSON null.");

    /// <summary>Deserializes each line of a shared JSON-lines fixture.</summary>
    public static IReadOnlyList<T> ReadLines<T>(string fileName) =>
    [
        .. File.ReadAllLines(TestPaths.Shared("docker", fileName))
            .Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<T>(l, s_options)!),
    ];

    private sealed class EpochOrTextDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64()).UtcDateTime
                : DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }

    private sealed class NanosecondsTimeSpanConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromTicks(reader.GetInt64() / 100);

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Ticks * 100);
    }

    private sealed class EnumMemberConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsEnum && typeToConvert.Namespace?.StartsWith("Docker.DotNet", StringComparison.Ordinal) == true;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(EnumMemberConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class EnumMemberConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<string, T> s_byName = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(
                f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name,
                f => (T)f.GetValue(null)!,
                StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            s_byName.TryGetValue(reader.GetString() ?? "", out var value) ? value : default;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(s_byName.First(p => p.Value.Equals(value)).Key);
    }
}
