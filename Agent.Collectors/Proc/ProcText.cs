using System.Globalization;

namespace Agent.Collectors.Proc;

/// <summary>
/// Span helpers shared by the procfs and sysfs parsers: whitespace-separated fields, <c>key: value</c> lines and
/// invariant numbers, so that no parser needs a regular expression or a split array.
/// </summary>
internal static class ProcText
{
    /// <summary>Returns the next field of <paramref name="rest"/> (spaces and tabs separate) and advances past it.</summary>
    public static ReadOnlySpan<char> NextField(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        if (end < 0)
        {
            var last = rest;
            rest = [];
            return last;
        }

        var field = rest[..end];
        rest = rest[end..];
        return field;
    }

    /// <summary>Splits <paramref name="line"/> on its first <c>:</c> and trims both sides.</summary>
    public static bool TrySplitKeyValue(ReadOnlySpan<char> line, out ReadOnlySpan<char> key, out ReadOnlySpan<char> value)
    {
        var colon = line.IndexOf(':');
        if (colon < 0)
        {
            key = [];
            value = [];
            return false;
        }

        key = line[..colon].Trim();
        value = line[(colon + 1)..].Trim();
        return true;
    }

    /// <summary>Parses a signed decimal integer, ignoring surrounding whitespace.</summary>
    public static bool TryParseLong(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses an unsigned decimal counter, ignoring surrounding whitespace.</summary>
    public static bool TryParseCounter(ReadOnlySpan<char> text, out ulong value) =>
        ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a decimal number with an optional fraction, ignoring surrounding whitespace.</summary>
    public static bool TryParseDouble(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Converts a counter to the signed 64-bit integer of the wire, saturating instead of wrapping.</summary>
    public static long ToWire(ulong counter) => counter > long.MaxValue ? long.MaxValue : (long)counter;
}
