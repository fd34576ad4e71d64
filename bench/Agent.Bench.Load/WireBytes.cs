using System.Globalization;
using System.Text;
using MessagePack;

namespace Agent.Bench.Load;

/// <summary>
/// Reads the little the load clients need from a message (its type, its hub method, the envelope's timestamp) straight
/// from its bytes, without binding the payload: the agent's snake_case envelopes and the plain hub's default ones alike.
/// </summary>
internal static class WireBytes
{
    private static readonly byte[] s_jsonTimestamp = "\"timestamp\":\""u8.ToArray();
    private static readonly byte[] s_jsonType = "\"type\":"u8.ToArray();
    private static readonly byte[] s_jsonTarget = "\"target\":\""u8.ToArray();

    // The key as a MessagePack string of 9 bytes: snake_case from the agent, the property's own name from the plain
    // hub's contractless resolver.
    private static readonly byte[] s_packedTimestamp = [0xa9, .. "timestamp"u8];
    private static readonly byte[] s_packedTimestampPascal = [0xa9, .. "Timestamp"u8];

    /// <summary>Whether <paramref name="target"/> names one of the two methods the benchmark servers push.</summary>
    public static bool IsPushedMethod(ReadOnlySpan<byte> target) =>
        target.SequenceEqual("SystemUpdate"u8) || target.SequenceEqual("DiskListUpdate"u8);

    /// <summary>The <c>type</c> of a JSON hub message, or -1.</summary>
    public static int JsonType(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf(s_jsonType);
        if (at < 0)
        {
            return -1;
        }

        var rest = message[(at + s_jsonType.Length)..];
        var value = 0;
        var digits = 0;
        while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9')
        {
            value = (value * 10) + (rest[digits] - '0');
            digits++;
        }

        return digits > 0 ? value : -1;
    }

    /// <summary>The <c>target</c> of a JSON invocation, or nothing.</summary>
    public static ReadOnlySpan<byte> JsonTarget(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOf(s_jsonTarget);
        if (at < 0)
        {
            return default;
        }

        var rest = message[(at + s_jsonTarget.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }

    /// <summary>The first <c>"timestamp":"…"</c> of a JSON message (a raw envelope or a hub invocation), if it parses.</summary>
    public static DateTimeOffset? JsonTimestamp(ReadOnlySpan<byte> message)
    {
        var start = message.IndexOf(s_jsonTimestamp);
        if (start < 0)
        {
            return null;
        }

        var rest = message[(start + s_jsonTimestamp.Length)..];
        var end = rest.IndexOf((byte)'"');
        var text = end > 0 ? Encoding.UTF8.GetString(rest[..end]) : null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
    }

    /// <summary>
    /// Reads the length prefix of a MessagePack hub message: 7 bits a byte, low bits first, at most 5 bytes and at most
    /// 2 GB. False when the prefix has not arrived whole; a prefix longer or larger than that is not SignalR's.
    /// </summary>
    /// <exception cref="InvalidDataException">The prefix is malformed.</exception>
    public static bool TryReadLength(ReadOnlySpan<byte> data, out int length, out int prefix)
    {
        const int MaxPrefix = 5;
        length = 0;
        for (prefix = 0; prefix < Math.Min(data.Length, MaxPrefix); prefix++)
        {
            var part = data[prefix];
            if (prefix == MaxPrefix - 1 && part > 0x07)
            {
                throw new InvalidDataException("A MessagePack hub message's length prefix exceeds 2 GB.");
            }

            length |= (part & 0x7f) << (7 * prefix);
            if ((part & 0x80) == 0)
            {
                prefix++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The type of a MessagePack hub message and, for an invocation (type, headers, invocation id, target, …), whether
    /// its target is a pushed method.
    /// </summary>
    public static (int Type, bool Pushed) MessagePackHead(ReadOnlyMemory<byte> message)
    {
        var reader = new MessagePackReader(message);
        if (reader.ReadArrayHeader() < 1)
        {
            return (-1, false);
        }

        var type = reader.ReadInt32();
        if (type != 1)
        {
            return (type, false);
        }

        reader.Skip();
        reader.Skip();
        var pushed = reader.TryReadStringSpan(out var target)
            ? IsPushedMethod(target)
            : IsPushedMethod(Encoding.UTF8.GetBytes(reader.ReadString() ?? ""));
        return (type, pushed);
    }

    /// <summary>
    /// The envelope's timestamp in a MessagePack invocation: an RFC 3339 string (the agent), or the contractless form
    /// of a <see cref="DateTimeOffset"/>, an array of a timestamp extension and the offset in minutes (the plain hub).
    /// </summary>
    public static DateTimeOffset? MessagePackTimestamp(ReadOnlyMemory<byte> message)
    {
        var at = message.Span.IndexOf(s_packedTimestamp);
        if (at < 0)
        {
            at = message.Span.IndexOf(s_packedTimestampPascal);
        }

        if (at < 0)
        {
            return null;
        }

        var reader = new MessagePackReader(message[(at + s_packedTimestamp.Length)..]);
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                var text = reader.ReadString();
                return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
            case MessagePackType.Array when reader.ReadArrayHeader() > 0 && reader.NextMessagePackType == MessagePackType.Extension:
                return new DateTimeOffset(DateTime.SpecifyKind(reader.ReadDateTime(), DateTimeKind.Utc));
            case MessagePackType.Extension:
                return new DateTimeOffset(DateTime.SpecifyKind(reader.ReadDateTime(), DateTimeKind.Utc));
            default:
                return null;
        }
    }
}
