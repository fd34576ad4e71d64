using System.Globalization;
using System.Xml;

namespace Agent.Collectors.Gpu;

/// <summary>Names, attributes and namespace prefixes for <see cref="NvidiaXmlScanner"/>.</summary>
internal ref partial struct NvidiaXmlScanner
{
    private const string XmlnsName = "xmlns";

    // Reads a name with at most one colon (prefix:local); gives the colon's offset in the name, or -1.
    private int ScanQualifiedName()
    {
        var start = _pos;
        ScanNcName();
        if (_pos >= _xml.Length || _xml[_pos] != ':')
        {
            return -1;
        }

        var colon = _pos - start;
        _pos++;
        ScanNcName();
        if (_pos < _xml.Length && _xml[_pos] == ':')
        {
            throw Error(_pos, "A name cannot contain more than one ':' character.");
        }

        return colon;
    }

    private void ScanNcName()
    {
        if (_pos >= _xml.Length)
        {
            throw Error(_pos, "Unexpected end of file while parsing a name.");
        }

        var first = _xml[_pos];
        if (!(char.IsAsciiLetter(first) || first == '_' || (first >= '\u0080' && XmlConvert.IsStartNCNameChar(first))))
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"0x{(int)first:X4}");
            throw Error(_pos, $"Name cannot begin with the '{first}' character, hexadecimal value {code}.");
        }

        _pos++;
        while (true)
        {
            var end = _xml[_pos..].IndexOfAnyExcept(s_asciiNameChars);
            _pos = end < 0 ? _xml.Length : _pos + end;
            if (_pos < _xml.Length && _xml[_pos] == ':')
            {
                return;
            }

            if (_pos >= _xml.Length || _xml[_pos] < '\u0080' || !XmlConvert.IsNCNameChar(_xml[_pos]))
            {
                return;
            }

            _pos++;
        }
    }

    private bool SkipWhitespace()
    {
        var end = _xml[_pos..].IndexOfAnyExcept(s_whitespace);
        var skipped = end < 0 ? _xml.Length - _pos : end;
        _pos += skipped;
        return skipped > 0;
    }

    private void ScanAttribute(ref bool inDefaultNamespace)
    {
        var nameStart = _pos;
        var colon = ScanQualifiedName();
        var name = _xml[nameStart.._pos];
        SkipWhitespace();
        if (_pos >= _xml.Length || _xml[_pos] != '=')
        {
            throw Error(_pos, $"'=' is expected after the attribute name '{name}'.");
        }

        _pos++;
        SkipWhitespace();
        var quote = _pos < _xml.Length ? _xml[_pos] : '\0';
        if (quote is not ('"' or '\''))
        {
            throw Error(_pos, $"The value of the attribute '{name}' does not start with a quote.");
        }

        _pos++;
        var valueStart = _pos;
        while (true)
        {
            var stop = _xml[_pos..].IndexOfAny(quote, '<', '&');
            if (stop < 0)
            {
                throw Error(_xml.Length, "Unexpected end of file while parsing an attribute value.");
            }

            _pos += stop;
            if (_xml[_pos] == quote)
            {
                break;
            }

            if (_xml[_pos] == '<')
            {
                throw Error(_pos, $"'<' is not allowed in the value of the attribute '{name}'.");
            }

            _pos = ReadReference(_pos);
        }

        var value = _xml[valueStart.._pos];
        _pos++;
        CheckDuplicate(nameStart, name);
        DeclareNamespace(nameStart, name, colon, value, ref inDefaultNamespace);
    }

    private readonly void CheckDuplicate(int nameStart, ReadOnlySpan<char> name)
    {
        var pos = _attributesStart;
        while (NextAttribute(ref pos, nameStart, out var earlier, out _))
        {
            if (earlier.SequenceEqual(name))
            {
                throw Error(nameStart, $"'{name}' is a duplicate attribute name.");
            }
        }
    }

    private void DeclareNamespace(int nameStart, ReadOnlySpan<char> name, int colon, ReadOnlySpan<char> value, ref bool inDefaultNamespace)
    {
        if (colon < 0)
        {
            if (name.SequenceEqual(XmlnsName))
            {
                inDefaultNamespace = value.Length > 0;
            }

            return;
        }

        if (!name[..colon].SequenceEqual(XmlnsName))
        {
            return;
        }

        if (value.Length == 0)
        {
            throw Error(nameStart, $"The prefix '{name[(colon + 1)..]}' cannot be bound to an empty namespace.");
        }

        _prefixes ??= new int[8];
        if (_prefixCount * 2 == _prefixes.Length)
        {
            Array.Resize(ref _prefixes, _prefixes.Length * 2);
        }

        _prefixes[_prefixCount * 2] = nameStart + colon + 1;
        _prefixes[(_prefixCount * 2) + 1] = name.Length - colon - 1;
        _prefixCount++;
    }

    // Every prefix of the tag just read must be declared on it or on an ancestor ("xml" always is).
    private readonly void CheckPrefixes()
    {
        if (_localOffset > 0)
        {
            CheckDeclared(_nameStart, _xml.Slice(_nameStart, _localOffset - 1));
        }

        var pos = _attributesStart;
        while (NextAttribute(ref pos, _attributesEnd, out var name, out _))
        {
            var colon = name.IndexOf(':');
            if (colon > 0 && !name[..colon].SequenceEqual(XmlnsName))
            {
                CheckDeclared(pos, name[..colon]);
            }
        }
    }

    private readonly void CheckDeclared(int at, ReadOnlySpan<char> prefix)
    {
        if (prefix.SequenceEqual("xml"))
        {
            return;
        }

        for (var i = _prefixCount - 1; i >= 0; i--)
        {
            if (_xml.Slice(_prefixes![i * 2], _prefixes[(i * 2) + 1]).SequenceEqual(prefix))
            {
                return;
            }
        }

        throw Error(at, $"'{prefix}' is an undeclared prefix.");
    }

    // Walks the attributes of a start tag that was already checked, from pos up to end.
    private readonly bool NextAttribute(ref int pos, int end, out ReadOnlySpan<char> name, out ReadOnlySpan<char> value)
    {
        var rest = _xml[pos..end];
        var skip = rest.IndexOfAnyExcept(s_whitespace);
        if (skip < 0)
        {
            name = value = [];
            return false;
        }

        rest = rest[skip..];
        var equals = rest.IndexOf('=');
        name = rest[..equals].TrimEnd(" \t\n\r");
        var open = equals + 1 + rest[(equals + 1)..].IndexOfAny('"', '\'');
        var close = open + 1 + rest[(open + 1)..].IndexOf(rest[open]);
        value = rest[(open + 1)..close];
        pos += skip + close + 1;
        return true;
    }
}
