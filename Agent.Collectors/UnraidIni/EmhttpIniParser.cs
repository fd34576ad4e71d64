namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Parses the ini dialect that emhttpd writes under <c>/var/local/emhttp</c> (PHP <c>parse_ini_file</c> syntax;
/// samples in <c>Agent.Tests/Fixtures/UnraidIni/</c> and FORMATS.md §1). One pass over the text; keys and values are
/// kept as offsets, so a parse allocates only the section names and two lists.
/// </summary>
/// <remarks>
/// Tolerated: <c>["quoted"]</c> and <c>[plain]</c> headers, quoted, single-quoted, unquoted and empty values, duplicate
/// keys (the last wins), CRLF, a byte-order mark, blank and <c>;</c>/<c>#</c> comment lines, and junk lines without
/// <c>=</c> (skipped). A quoted value ends at the last quote of its line, so a stray quote inside a comment does not cut
/// it short. A last line without a closing quote or without <c>=</c> marks the document as truncated, because that
/// is what a file caught half-written looks like.
/// </remarks>
internal static class EmhttpIniParser
{
    /// <summary>Parses <paramref name="text"/>; never throws on malformed input.</summary>
    public static IniDocument Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var entries = new List<IniEntry>(text.Length / 12);
        var sections = new List<IniSectionRange>();
        var globalCount = -1;
        var truncated = false;
        string? sectionName = null;
        var sectionStart = 0;
        var span = text.AsSpan();
        var position = span.Length > 0 && span[0] == '\uFEFF' ? 1 : 0;

        while (position < span.Length)
        {
            // Leading blanks, and the empty lines that CRLF leaves between two line ends, are skipped here.
            var first = span[position];
            if (first is '\n' or '\r' or ' ' or '\t')
            {
                position++;
                continue;
            }

            var length = span[position..].IndexOfAny('\r', '\n');
            var isLast = length < 0;
            var end = isLast ? span.Length : position + length;
            while (end > position && span[end - 1] is ' ' or '\t')
            {
                end--;
            }

            if (first == '[')
            {
                var header = ParseHeader(span[position..end], isLast);
                truncated |= header.IsCut;
                if (header.Header is { } name)
                {
                    CloseSection(sections, sectionName, sectionStart, entries.Count, ref globalCount);
                    sectionName = name;
                    sectionStart = entries.Count;
                }
            }
            else if (first is not (';' or '#'))
            {
                truncated |= !ParseEntry(span, position, end, isLast, entries) && isLast;
            }

            position = isLast ? span.Length : position + length + 1;
        }

        CloseSection(sections, sectionName, sectionStart, entries.Count, ref globalCount);
        return new IniDocument(text, entries, globalCount < 0 ? entries.Count : globalCount, sections, truncated);
    }

    private static void CloseSection(
        List<IniSectionRange> sections,
        string? name,
        int start,
        int end,
        ref int globalCount)
    {
        if (name is null)
        {
            globalCount = end;
            return;
        }

        sections.Add(new IniSectionRange(name, start, end - start));
    }

    // Adds the entry of a key=value line spanning [start, end) (already trimmed); false when the line has no key or
    // its quoted value is not closed, which on the last line means the file was cut (and the entry is dropped).
    private static bool ParseEntry(ReadOnlySpan<char> text, int start, int end, bool isLast, List<IniEntry> entries)
    {
        var equals = text[start..end].IndexOf('=');
        if (equals <= 0)
        {
            return false;
        }

        var keyEnd = start + equals;
        while (keyEnd > start && text[keyEnd - 1] is ' ' or '\t')
        {
            keyEnd--;
        }

        var valueStart = start + equals + 1;
        while (valueStart < end && text[valueStart] is ' ' or '\t')
        {
            valueStart++;
        }

        var length = ParseValue(text[valueStart..end], out var skip, out var hasEscapes, out var isCut);
        if (isCut && isLast)
        {
            return false;
        }

        entries.Add(new IniEntry(start, keyEnd - start, valueStart + skip, length, hasEscapes));
        return !isCut;
    }

    private static LineResult ParseHeader(ReadOnlySpan<char> line, bool isLast)
    {
        var close = line.LastIndexOf(']');
        if (close < 0 && isLast)
        {
            return new LineResult(null, true);
        }

        var name = (close < 0 ? line[1..] : line[1..close]).Trim();
        if (name.Length >= 2 && name[0] is '"' or '\'' && name[^1] == name[0])
        {
            name = name[1..^1];
        }

        return new LineResult(name.ToString(), false);
    }

    // Returns the value's length; skip is where it starts after the opening quote. An unclosed quote takes the rest
    // of the line and reports it as cut.
    private static int ParseValue(ReadOnlySpan<char> value, out int skip, out bool hasEscapes, out bool isCut)
    {
        skip = 0;
        hasEscapes = false;
        isCut = false;
        if (value.IsEmpty || value[0] is not ('"' or '\''))
        {
            return value.Length;
        }

        var quote = value[0];
        var inner = value[1..];
        skip = 1;
        int end;
        if (inner.Length > 0 && inner[^1] == quote)
        {
            end = inner.Length - 1;
        }
        else
        {
            end = FirstClosingQuote(inner, quote);
            if (end < 0)
            {
                isCut = true;
                end = inner.Length;
            }
        }

        hasEscapes = quote == '"' && inner[..end].Contains('\\');
        return end;
    }

    private static int FirstClosingQuote(ReadOnlySpan<char> inner, char quote)
    {
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && quote == '"')
            {
                i++;
            }
            else if (inner[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }

    private readonly record struct LineResult(string? Header, bool IsCut);
}
