using System.Globalization;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Reads nvidia-smi's values: text with a unit (<c>22.78 W</c>, <c>1128 MiB</c>, <c>37 %</c>), possibly padded, or
/// a word for "no value" (<c>N/A</c>, <c>[Not Supported]</c>, <c>Requested functionality has been deprecated</c>).
/// See FORMATS.md §8 and the captures under <c>shared/fixtures/nvidia</c>. The span forms read a value in place, so
/// that the parsers allocate only the strings they keep.
/// </summary>
internal static class NvidiaValueParser
{
    private const double BytesPerKiB = 1024d;

    // The longest unit that names a size ("KiB", "MiB", "GiB").
    private const int MaxUnitLength = 3;

    /// <summary>The leading number of <paramref name="text"/>, or null when it holds none.</summary>
    public static double? Number(string? text) => Number(text.AsSpan());

    /// <inheritdoc cref="Number(string?)"/>
    public static double? Number(ReadOnlySpan<char> text) => Split(text, out var number, out _) ? number : null;

    /// <summary>
    /// A memory size in bytes. A value without a unit (CSV with <c>nounits</c>) takes <paramref name="defaultUnit"/>,
    /// which is the unit in the header, and nvidia-smi's MiB when that is unknown too.
    /// </summary>
    public static long? Bytes(string? text, string? defaultUnit = null) => Bytes(text.AsSpan(), defaultUnit);

    /// <inheritdoc cref="Bytes(string?, string?)"/>
    public static long? Bytes(ReadOnlySpan<char> text, string? defaultUnit = null)
    {
        if (!Split(text, out var number, out var unit))
        {
            return null;
        }

        if (unit.Length == 0)
        {
            unit = defaultUnit ?? "MiB";
        }

        // Upper-cased as string.ToUpperInvariant does, without making a string.
        Span<char> upper = stackalloc char[MaxUnitLength];
        if (unit.Length > MaxUnitLength)
        {
            return null;
        }

        upper = upper[..unit.ToUpperInvariant(upper)];
        double? factor = upper switch
        {
            "B" => 1,
            "KIB" or "KB" => BytesPerKiB,
            "MIB" or "MB" => BytesPerKiB * BytesPerKiB,
            "GIB" or "GB" => BytesPerKiB * BytesPerKiB * BytesPerKiB,
            _ => null,
        };
        return factor is { } f ? (long)Math.Round(number * f) : null;
    }

    /// <summary>Text with the "no value" words turned into an empty string.</summary>
    public static string Text(string? text)
    {
        var trimmed = Unbracket(text.AsSpan());
        if (IsMissing(trimmed))
        {
            return "";
        }

        return text is not null && trimmed.Length == text.Length ? text : trimmed.ToString();
    }

    /// <inheritdoc cref="Text(string?)"/>
    public static string Text(ReadOnlySpan<char> text)
    {
        var trimmed = Unbracket(text);
        return IsMissing(trimmed) ? "" : trimmed.ToString();
    }

    private static bool Split(ReadOnlySpan<char> text, out double number, out ReadOnlySpan<char> unit)
    {
        var trimmed = Unbracket(text);
        var end = 0;
        if (end < trimmed.Length && trimmed[end] is '-' or '+')
        {
            end++;
        }

        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        if (!double.TryParse(trimmed[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out number) || !double.IsFinite(number))
        {
            unit = [];
            return false;
        }

        unit = trimmed[end..].Trim();
        return true;
    }

    private static ReadOnlySpan<char> Unbracket(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '[' && trimmed[^1] == ']' ? trimmed[1..^1].Trim() : trimmed;
    }

    private static bool IsMissing(ReadOnlySpan<char> text) =>
        text.Length == 0
        || text.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Not Supported", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Unknown Error", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Insufficient Permissions", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Function Not Found", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Requested functionality has been deprecated", StringComparison.OrdinalIgnoreCase);
}
