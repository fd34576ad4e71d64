using System.Globalization;
using System.Text;

namespace Agent.Collectors.UnraidIni;

/// <summary>One section of an <see cref="IniDocument"/>: typed access to its values by key.</summary>
/// <remarks>A key that occurs twice has the value of its last line, as with PHP's <c>parse_ini_file</c>.</remarks>
internal readonly struct IniSection
{
    private readonly IniDocument _document;
    private readonly int _first;

    internal IniSection(IniDocument document, string name, int first, int count)
    {
        _document = document;
        Name = name;
        _first = first;
        Count = count;
    }

    /// <summary>The header name without brackets and quotes; empty for the keys before the first header.</summary>
    public string Name { get; }

    /// <summary>Number of entries, duplicates included.</summary>
    public int Count { get; }

    /// <summary>Whether <paramref name="key"/> occurs.</summary>
    public bool Has(string key) => TryFind(key, out _);

    /// <summary>The raw value of <paramref name="key"/>, escapes not decoded; empty when absent.</summary>
    public ReadOnlySpan<char> Raw(string key) =>
        TryFind(key, out var entry) ? _document.Text.AsSpan(entry.ValueStart, entry.ValueLength) : [];

    /// <summary>The value of <paramref name="key"/>, or <paramref name="fallback"/> when the key is absent.</summary>
    public string GetString(string key, string fallback = "")
    {
        if (!TryFind(key, out var entry))
        {
            return fallback;
        }

        var raw = _document.Text.AsSpan(entry.ValueStart, entry.ValueLength);
        return entry.HasEscapes ? Unescape(raw) : raw.ToString();
    }

    /// <summary>The value of <paramref name="key"/> as an integer, or <see langword="null"/> when absent or not a number.</summary>
    public long? GetInt64(string key) =>
        long.TryParse(Raw(key).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Whether the value of <paramref name="key"/> equals <paramref name="expected"/>, ignoring case.</summary>
    public bool Is(string key, string expected) => Raw(key).Equals(expected, StringComparison.OrdinalIgnoreCase);

    private bool TryFind(string key, out IniEntry found)
    {
        var text = _document.Text.AsSpan();
        var entries = _document.Entries(_first, Count);

        // Backwards, so that the last of duplicate keys wins.
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (entry.KeyLength == key.Length && text.Slice(entry.KeyStart, entry.KeyLength).SequenceEqual(key))
            {
                found = entry;
                return true;
            }
        }

        found = default;
        return false;
    }

    // emhttpd writes no escapes, but PHP's reader accepts \" and \\ inside double quotes; decode those two (and \')
    // and keep any other backslash as it is, so that a Windows-style path in a comment survives.
    private static string Unescape(ReadOnlySpan<char> raw)
    {
        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '"' or '\\' or '\'')
            {
                i++;
            }

            builder.Append(raw[i]);
        }

        return builder.ToString();
    }
}
