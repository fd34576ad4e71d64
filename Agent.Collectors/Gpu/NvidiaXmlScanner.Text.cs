using System.Globalization;
using System.Text;

namespace Agent.Collectors.Gpu;

/// <summary>Characters, references and decoded text for <see cref="NvidiaXmlScanner"/>.</summary>
internal ref partial struct NvidiaXmlScanner
{
    // The longest reference that names a character: "&#x10FFFF;" and the like, with some leading zeros allowed.
    private const int MaxReferenceLength = 32;

    private static FormatException InvalidCharacter(ReadOnlySpan<char> xml, int at) =>
        Error(xml, at, string.Create(CultureInfo.InvariantCulture, $"Hexadecimal value 0x{(int)xml[at]:X4} is an invalid character."));

    // Checks the reference at amp and gives the index after its ';'.
    private readonly int ReadReference(int amp)
    {
        var end = ParseReference(_xml, amp, out _, out var error);
        return end > 0 ? end : throw Error(amp, error!);
    }

    // The reference at amp in text: the index after its ';' and the character it stands for, or -1 and why not.
    private static int ParseReference(ReadOnlySpan<char> text, int amp, out Rune value, out string? error)
    {
        value = default;
        error = null;
        var limit = Math.Min(text.Length, amp + MaxReferenceLength);
        var semicolon = text[(amp + 1)..limit].IndexOf(';');
        if (semicolon <= 0)
        {
            error = "A reference must be a name or a character number ended by ';'.";
            return -1;
        }

        var body = text.Slice(amp + 1, semicolon);
        if (body[0] != '#')
        {
            char? named = body switch
            {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "apos" => '\'',
                "quot" => '"',
                _ => null,
            };
            if (named is not { } c)
            {
                error = $"Reference to undeclared entity '{body}'.";
                return -1;
            }

            value = new Rune(c);
            return amp + semicolon + 2;
        }

        var isHex = body.Length > 1 && body[1] == 'x';
        var style = isHex ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        if (!int.TryParse(body[(isHex ? 2 : 1)..], style, CultureInfo.InvariantCulture, out var code) || !IsXmlChar(code))
        {
            error = $"'&{body};' does not name a valid XML character.";
            return -1;
        }

        value = new Rune(code);
        return amp + semicolon + 2;
    }

    private static bool IsXmlChar(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private readonly void ThrowIfNotWhitespace(int start, int length)
    {
        var text = _xml.Slice(start, length);
        var other = text.IndexOfAnyExcept(s_whitespace);
        if (other >= 0)
        {
            throw Error(start + other, "Data at the root level is invalid.");
        }
    }

    private void Append(scoped ReadOnlySpan<char> text)
    {
        EnsureBuffer(text.Length);
        text.CopyTo(_buffer.AsSpan(_bufferLength));
        _bufferLength += text.Length;
    }

    // Decodes references (not in CDATA), which the scan has checked, and normalizes line ends to '\n' (XML 1.0 §2.11);
    // in an attribute, white space becomes spaces (§3.3.3), though not when written as a character reference.
    private void AppendDecoded(scoped ReadOnlySpan<char> raw, bool isCData, bool isAttribute)
    {
        EnsureBuffer(raw.Length);
        var buffer = _buffer.AsSpan();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '&' && !isCData)
            {
                var end = ParseReference(raw, i, out var rune, out _);
                _bufferLength += rune.EncodeToUtf16(buffer[_bufferLength..]);
                i = end - 1;
                continue;
            }

            if (c == '\r')
            {
                if (i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    i++;
                }

                c = '\n';
            }

            buffer[_bufferLength++] = isAttribute && c is '\n' or '\t' ? ' ' : c;
        }
    }

    // A reference is never shorter than what it stands for, so the raw length is enough room.
    private void EnsureBuffer(int more)
    {
        var needed = _bufferLength + more;
        if (_buffer is null || _buffer.Length < needed)
        {
            Array.Resize(ref _buffer, Math.Max(needed, Math.Max(256, (_buffer?.Length ?? 0) * 2)));
        }
    }
}
