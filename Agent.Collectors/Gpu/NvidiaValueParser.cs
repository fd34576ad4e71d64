using System.Globalization;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Reads nvidia-smi's values: text with a unit (<c>22.78 W</c>, <c>1128 MiB</c>, <c>37 %</c>), possibly padded, or
/// a word for "no value" (<c>N/A</c>, <c>[Not Supported]</c>, <c>Requested functionality has been deprecated</c>).
/// See FORMATS.md §8 and the captures under <c>shared/fixtures/nvidia</c>.
/// </summary>
internal static class NvidiaValueParser
{
    private const double BytesPerKiB = 1024d;

    /// <summary>The leading number of <paramref name="text"/>, or null when it holds none.</summary>
    public static double? Number(string? text) => Split(text) is { } value ? value.Number : null;

    /// <summary>
    /// A memory size in bytes. A value without a unit (CSV with <c>nounits</c>) takes <paramref name="defaultUnit"/>,
    /// which is the unit in the header, and nvidia-smi's MiB when that is unknown too.
    /// </summary>
    public static long? Bytes(string? text, string? defaultUnit = null)
    {
        if (Split(text) is not { } value)
        {
            return null;
        }

        var unit = value.Unit.Length > 0 ? value.Unit : defaultUnit ?? "MiB";
        double? factor = unit.ToUpperInvariant() switch
        {
            "B" => 1,
            "KIB" or "KB" => BytesPerKiB,
            "MIB" or "MB" => BytesPerKiB * BytesPerKiB,
            "GIB" or "GB" => BytesPerKiB * BytesPerKiB * BytesPerKiB,
            _ => null,
        };
        return factor is { } f ? (long)Math.Round(value.Number * f) : null;
    }

    /// <summary>Text with the "no value" words turned into an empty string.</summary>
    public static string Text(string? text)
    {
        var trimmed = Unbracket(text);
        return IsMissing(trimmed) ? "" : trimmed;
    }

    private static (double Number, string Unit)? Split(string? text)
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

        if (!double.TryParse(trimmed.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number))
        {
            return null;
        }

        return (number, trimmed[end..].Trim());
    }

    private static string Unbracket(string? text)
    {
        var trimmed = (text ?? "").Trim();
        return trimmed.Length >= 2 && trimmed[0] == '[' && trimmed[^1] == ']' ? trimmed[1..^1].Trim() : trimmed;
    }

    private static bool IsMissing(string text) =>
        text.Length == 0
        || text.Equals("N/A", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Not Supported", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Unknown Error", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Insufficient Permissions", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Function Not Found", StringComparison.OrdinalIgnoreCase)
        || text.Equals("Requested functionality has been deprecated", StringComparison.OrdinalIgnoreCase);
}
