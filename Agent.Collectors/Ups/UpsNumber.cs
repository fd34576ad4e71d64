using System.Globalization;

namespace Agent.Collectors.Ups;

/// <summary>
/// Reads the number at the start of a daemon's value: apcupsd writes units after it (<c>229.5 Volts</c>,
/// <c>  9.3 Percent Load Capacity</c>, <c>000.0</c>), NUT writes bare numbers. <c>N/A</c>, empty text and anything
/// else that does not start with a number give <see langword="null"/>.
/// </summary>
internal static class UpsNumber
{
    public static double? TryParseLeading(string? value)
    {
        var text = value.AsSpan().Trim();
        var end = 0;
        if (end < text.Length && text[end] is '+' or '-')
        {
            end++;
        }

        var digitsStart = end;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            end++;
        }

        if (end == digitsStart)
        {
            return null;
        }

        return double.TryParse(text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number)
                ? number
                : null;
    }

    public static double OrZero(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) ? TryParseLeading(text) ?? 0 : 0;
}
