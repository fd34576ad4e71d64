using System.Buffers;

namespace Agent.Collectors.Gpu;

/// <summary>Comments, processing instructions, CDATA sections and the DOCTYPE for <see cref="NvidiaXmlScanner"/>.</summary>
internal ref partial struct NvidiaXmlScanner
{
    private static readonly SearchValues<char> s_encodingNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    private void ScanProcessingInstruction()
    {
        var start = _pos;
        _pos += 2;
        var targetStart = _pos;
        ScanNcName();
        var target = _xml[targetStart.._pos];
        var close = _xml[_pos..].IndexOf("?>");
        if (close < 0)
        {
            throw Error(_xml.Length, "Unexpected end of file while parsing a processing instruction.");
        }

        if (close > 0 && !s_whitespace.Contains(_xml[_pos]))
        {
            throw Error(_pos, $"White space is expected after the processing instruction target '{target}'.");
        }

        _pos += close + 2;
        if (!target.Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (start != 0 || !target.SequenceEqual("xml"))
        {
            throw Error(start, "An XML declaration is allowed only at the start of the document.");
        }

        CheckDeclaration(_xml[(targetStart + target.Length)..(_pos - 2)], start);
    }

    // <?xml version="1.0" encoding="…" standalone="yes|no"?>, in that order: the version must be 1.0 and the
    // encoding is only checked for its form, because the text was decoded before it reached the parser.
    private readonly void CheckDeclaration(ReadOnlySpan<char> body, int at)
    {
        var pos = 0;
        var version = DeclarationValue(body, ref pos, "version", at, required: true);
        if (!version.SequenceEqual("1.0"))
        {
            throw Error(at, $"Version number '{version}' is invalid.");
        }

        var encoding = DeclarationValue(body, ref pos, "encoding", at, required: false);
        if (pos > 0 && encoding.Length > 0 && !IsEncodingName(encoding))
        {
            throw Error(at, $"'{encoding}' is not a valid encoding name.");
        }

        var standalone = DeclarationValue(body, ref pos, "standalone", at, required: false);
        if (standalone.Length > 0 && standalone is not ("yes" or "no"))
        {
            throw Error(at, "The standalone value of the XML declaration must be 'yes' or 'no'.");
        }

        if (body[pos..].IndexOfAnyExcept(s_whitespace) >= 0)
        {
            throw Error(at, "The XML declaration holds something other than version, encoding and standalone.");
        }
    }

    // One pseudo-attribute at pos (white space, the name, '=', a quoted value), or empty when it is another one.
    private readonly ReadOnlySpan<char> DeclarationValue(ReadOnlySpan<char> body, ref int pos, string name, int at, bool required)
    {
        var rest = body[pos..];
        var space = rest.IndexOfAnyExcept(s_whitespace);
        if (space <= 0 || !rest[space..].StartsWith(name))
        {
            return required ? throw Error(at, $"The XML declaration must give its {name}.") : [];
        }

        var after = rest[(space + name.Length)..];
        var equals = after.IndexOfAnyExcept(s_whitespace);
        var quoteAt = equals >= 0 && after[equals] == '=' ? equals + 1 + after[(equals + 1)..].IndexOfAnyExcept(s_whitespace) : -1;
        if (quoteAt <= equals || after[quoteAt] is not ('"' or '\''))
        {
            throw Error(at, $"The {name} of the XML declaration is not written as {name}=\"…\".");
        }

        var close = after[(quoteAt + 1)..].IndexOf(after[quoteAt]);
        if (close < 0)
        {
            throw Error(at, $"The {name} of the XML declaration is not closed by a quote.");
        }

        pos += space + name.Length + quoteAt + close + 2;
        return after.Slice(quoteAt + 1, close);
    }

    private static bool IsEncodingName(ReadOnlySpan<char> name) =>
        char.IsAsciiLetter(name[0]) && !name.ContainsAnyExcept(s_encodingNameChars);

    private void ScanComment()
    {
        var bodyStart = _pos + 4;
        var dashes = _xml[bodyStart..].IndexOf("--");
        if (dashes < 0)
        {
            throw Error(_xml.Length, "Unexpected end of file while parsing a comment.");
        }

        var end = bodyStart + dashes;
        if (end + 2 >= _xml.Length || _xml[end + 2] != '>')
        {
            throw Error(end, "A comment cannot contain '--', and '-' cannot be its last character.");
        }

        _pos = end + 3;
    }

    private void ScanCData()
    {
        if (_depth == 0)
        {
            throw Error(_pos, "A CDATA section is not allowed outside the root element.");
        }

        _tokenStart = _pos + 9;
        var close = _xml[_tokenStart..].IndexOf("]]>");
        if (close < 0)
        {
            throw Error(_xml.Length, "Unexpected end of file while parsing a CDATA section.");
        }

        _tokenLength = close;
        _tokenIsPlain = true;
        _pos = _tokenStart + close + 3;
    }

    // <!DOCTYPE name (SYSTEM "…" | PUBLIC "…" "…")? [internal subset]? >: skipped whole, so its entity declarations
    // are never applied.
    private void ScanDoctype()
    {
        var start = _pos;
        if (!_xml[_pos..].StartsWith("<!DOCTYPE") || _pos + 9 >= _xml.Length || !s_whitespace.Contains(_xml[_pos + 9]))
        {
            throw Error(start, "Unexpected '<!' markup.");
        }

        if (_seenRoot || _seenDoctype)
        {
            throw Error(start, "A DOCTYPE is allowed only once, before the root element.");
        }

        _seenDoctype = true;
        _pos += 9;
        SkipWhitespace();
        ScanQualifiedName();
        if (SkipWhitespace() && !IsAt('[') && !IsAt('>'))
        {
            var literals = _xml[_pos..].StartsWith("SYSTEM") ? 1 : _xml[_pos..].StartsWith("PUBLIC") ? 2 : 0;
            if (literals == 0)
            {
                throw Error(_pos, "Expecting external ID, '[' or '>'.");
            }

            _pos += 6;
            for (var i = 0; i < literals; i++)
            {
                if (!SkipWhitespace() || !(IsAt('"') || IsAt('\'')))
                {
                    throw Error(_pos, "A quoted identifier is expected in the DOCTYPE.");
                }

                _pos = AfterQuoted(_pos);
            }

            SkipWhitespace();
        }

        if (IsAt('['))
        {
            _pos = AfterInternalSubset(_pos + 1);
            SkipWhitespace();
        }

        if (!IsAt('>'))
        {
            throw Error(_pos, "The DOCTYPE is expected to end with '>'.");
        }

        _pos++;
    }

    private readonly bool IsAt(char c) => _pos < _xml.Length && _xml[_pos] == c;

    private readonly int AfterQuoted(int quote)
    {
        var close = _xml[(quote + 1)..].IndexOf(_xml[quote]);
        return close >= 0 ? quote + close + 2 : throw Error(_xml.Length, "Unexpected end of file in a quoted string of the DOCTYPE.");
    }

    // The subset's declarations are not read, only stepped over: quoted text and comments may hold ']' or '>'.
    private readonly int AfterInternalSubset(int pos)
    {
        while (pos < _xml.Length)
        {
            var c = _xml[pos];
            if (c == ']')
            {
                return pos + 1;
            }

            if (c is '"' or '\'')
            {
                pos = AfterQuoted(pos);
            }
            else if (_xml[pos..].StartsWith("<!--") || _xml[pos..].StartsWith("<?"))
            {
                var end = _xml[pos + 1] == '!' ? "-->" : "?>";
                var close = _xml[(pos + 2)..].IndexOf(end);
                pos = close >= 0 ? pos + 2 + close + end.Length : throw Error(_xml.Length, "Unexpected end of file in the DOCTYPE.");
            }
            else
            {
                pos++;
            }
        }

        throw Error(_xml.Length, "Unexpected end of file in the internal subset of the DOCTYPE.");
    }
}
