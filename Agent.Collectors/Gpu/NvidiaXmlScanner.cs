using System.Buffers;
using System.Globalization;
using System.Xml;

namespace Agent.Collectors.Gpu;

/// <summary>
/// A forward-only reader of one XML document held in memory, for <see cref="NvidiaXmlParser"/>: it checks that the
/// whole document is well-formed (one root, matching tags, valid characters, names, attributes, references, comments,
/// CDATA, processing instructions and a DOCTYPE before the root) and hands out element names and text, decoding only
/// the text that is asked for. A DOCTYPE is skipped, never fetched or applied, so only the five predefined entities and
/// character references are known; any other reference is an error, as it is for <see cref="XmlReader"/> with
/// <see cref="DtdProcessing.Ignore"/>. Names are matched without a namespace; an element with a prefix or under a
/// default namespace says so in <see cref="IsNamespaced"/>.
/// </summary>
internal ref partial struct NvidiaXmlScanner
{
    // Text stops at the start of markup, at a reference (checked, decoded on demand) and at ']' (for "]]>").
    private static readonly SearchValues<char> s_textStops = SearchValues.Create("<&]");
    private static readonly SearchValues<char> s_whitespace = SearchValues.Create(" \t\n\r");
    private static readonly SearchValues<char> s_asciiNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-");

    private readonly ReadOnlySpan<char> _xml;
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private int _pos;
    private bool _seenRoot;
    private bool _seenDoctype;

    // The block whose masks are held (NvidiaXmlScanner.Index.cs), and how many blocks from the start have been checked.
    private int _block;
    private int _checkedBlocks;
    private ulong _ltMask;
    private ulong _specialMask;
    private ulong _nonNameMask;

    // The element of the last start tag.
    private int _nameStart;
    private int _nameLength;
    private int _localOffset;
    private int _attributesStart;
    private int _attributesEnd;

    // The last text or CDATA token.
    private int _tokenStart;
    private int _tokenLength;
    private bool _tokenIsPlain;

    // Only ReadValue looks at text; everywhere else text is checked and stepped over without a token.
    private bool _textWanted;

    // Decoded text of a value that is not one plain piece of the document.
    private char[]? _buffer;
    private int _bufferLength;

    // Whether the element of the last start tag is empty (<x/>) and has not been consumed yet.
    private bool _isEmpty;

    // Prefixes declared with xmlns:p, as (name start, name length) pairs; rare in practice.
    private int[]? _prefixes;
    private int _prefixCount;

    public NvidiaXmlScanner(ReadOnlySpan<char> xml)
    {
        _xml = xml;
        _block = -1;
    }

    private enum Token
    {
        EndOfInput,
        StartTag,
        EndTag,
        Text,
        CData,
    }

    /// <summary>The local name (without prefix) of the element whose start tag was read last.</summary>
    public readonly ReadOnlySpan<char> LocalName => _xml.Slice(_nameStart + _localOffset, _nameLength - _localOffset);

    /// <summary>Whether that element has a prefix or is under a default namespace.</summary>
    public bool IsNamespaced { get; private set; }

    /// <summary>Reads up to the start tag of the root element; throws when there is none.</summary>
    public void ReadRoot()
    {
        if (NextToken() is not Token.StartTag)
        {
            throw Error(_pos, "Root element is missing.");
        }
    }

    /// <summary>
    /// Reads to the start tag of the next child of the current element, or past its end tag (then false). Every child
    /// that was returned must have been consumed with <see cref="Skip"/>, <see cref="ReadValue"/> or a loop of its own.
    /// </summary>
    public bool ReadChild()
    {
        if (ConsumeEmpty())
        {
            return false;
        }

        while (true)
        {
            switch (NextToken())
            {
                case Token.StartTag:
                    return true;
                case Token.EndTag:
                    return false;
                case Token.EndOfInput:
                    throw UnclosedElements();
            }
        }
    }

    /// <summary>Consumes the current element and everything in it.</summary>
    public void Skip()
    {
        if (ConsumeEmpty())
        {
            return;
        }

        // Most of a report is skipped: plain tags and plain text are stepped over here without making tokens, and
        // anything else takes one step of the general scan.
        var depth = _depth;
        while (true)
        {
            SkipPlainRun(depth);
            if (_depth < depth)
            {
                return;
            }

            if (NextToken() is Token.EndOfInput)
            {
                throw UnclosedElements();
            }
        }
    }

    /// <summary>
    /// Consumes the current element and gives the text of all its descendants, decoded, as
    /// <see cref="System.Xml.Linq.XElement.Value"/> would; valid until the next call.
    /// </summary>
    public ReadOnlySpan<char> ReadValue()
    {
        if (ConsumeEmpty())
        {
            return [];
        }

        var depth = _depth;
        var pieces = 0;
        ReadOnlySpan<char> plain = [];
        _bufferLength = 0;
        while (true)
        {
            _textWanted = true;
            var token = NextToken();
            _textWanted = false;
            if (token is Token.Text or Token.CData)
            {
                var raw = _xml.Slice(_tokenStart, _tokenLength);

                // Only text that is given out is looked at for line ends to normalize.
                if (pieces == 0 && _tokenIsPlain && !raw.Contains('\r'))
                {
                    plain = raw;
                }
                else
                {
                    if (pieces == 1 && plain.Length > 0)
                    {
                        Append(plain);
                        plain = [];
                    }

                    AppendDecoded(raw, token is Token.CData, isAttribute: false);
                }

                pieces++;
            }
            else if (token is Token.EndTag && _depth < depth)
            {
                return pieces == 1 && plain.Length > 0 ? plain : _buffer.AsSpan(0, _bufferLength);
            }
            else if (token is Token.EndOfInput)
            {
                throw UnclosedElements();
            }
        }
    }

    /// <summary>The decoded value of the current start tag's attribute <paramref name="name"/>, or null.</summary>
    public string? Attribute(ReadOnlySpan<char> name)
    {
        var pos = _attributesStart;
        while (NextAttribute(ref pos, _attributesEnd, out var attributeName, out var value))
        {
            if (attributeName.SequenceEqual(name))
            {
                _bufferLength = 0;
                AppendDecoded(value, isCData: false, isAttribute: true);
                return new string(_buffer.AsSpan(0, _bufferLength));
            }
        }

        return null;
    }

    /// <summary>Reads what follows the root element: only comments, processing instructions and white space.</summary>
    public void ReadEnd()
    {
        // A second root, text or an end tag after the root are errors of the scan itself.
        if (NextToken() is not Token.EndOfInput)
        {
            throw Error(_pos, "Data at the root level is invalid.");
        }
    }

    // Steps over plain text and plain start and end tags (ASCII names, no attributes) until the depth falls below
    // `depth` or something else comes, which is left to the general scan. The same steps as ScanPlainStartTag and
    // ScanPlainEndTag, with the position, depth and frames held in locals: this loop is most of the time spent on a
    // report, and fields of a ref struct are read and written through memory on every use.
    private void SkipPlainRun(int depth)
    {
        var xml = _xml;
        var frames = _frames;
        var pos = _pos;
        var level = _depth;
        var prefixCount = _prefixCount;
        var closed = false;
        while (level >= depth)
        {
            var lt = NextMarkup(pos, out var special);
            if (special || lt + 1 >= xml.Length)
            {
                break;
            }

            // The text up to lt holds no reference and no ']': there is nothing in it to check.
            pos = lt;
            if (xml[lt + 1] == '/')
            {
                var open = frames[level - 1];
                var after = lt + 2 + open.NameLength;
                if (after >= xml.Length || xml[after] != '>' || !SameName(lt + 2, open.NameStart, open.NameLength))
                {
                    break;
                }

                pos = after + 1;
                prefixCount = open.PrefixCount;
                level--;
                closed = true;
                continue;
            }

            var nameStart = lt + 1;
            if (nameStart >= xml.Length || !(char.IsAsciiLetter(xml[nameStart]) || xml[nameStart] == '_') || level == frames.Length)
            {
                break;
            }

            var end = NextNonName(nameStart + 1);
            if (end + 1 < xml.Length && xml[end] == '/' && xml[end + 1] == '>')
            {
                pos = end + 2;
                continue;
            }

            if (end >= xml.Length || xml[end] != '>')
            {
                break;
            }

            frames[level] = new Frame(nameStart, end - nameStart, frames[level - 1].InDefaultNamespace, prefixCount);
            level++;
            pos = end + 1;
        }

        _pos = pos;
        _depth = level;
        _prefixCount = prefixCount;

        // As after EndElement: an empty element's flag belonged to an element that has ended.
        if (closed)
        {
            _isEmpty = false;
        }
    }

    // An empty element is consumed by its start tag; the flag only tells the next call not to look for its content.
    private bool ConsumeEmpty()
    {
        var wasEmpty = _isEmpty;
        _isEmpty = false;
        return wasEmpty;
    }

    private Token NextToken()
    {
        while (true)
        {
            if (_pos >= _xml.Length)
            {
                CheckRemainingCharacters();
                return Token.EndOfInput;
            }

            if (_xml[_pos] != '<')
            {
                if (_depth > 0)
                {
                    var end = NextMarkup(_pos, out var special);
                    if (!special && !_textWanted)
                    {
                        _pos = end;
                        continue;
                    }

                    if (!special)
                    {
                        _tokenStart = _pos;
                        _tokenLength = end - _pos;
                        _tokenIsPlain = true;
                        _pos = end;
                        return Token.Text;
                    }
                }

                ScanText();
                if (_depth == 0)
                {
                    ThrowIfNotWhitespace(_tokenStart, _tokenLength);
                    continue;
                }

                if (_textWanted)
                {
                    return Token.Text;
                }

                continue;
            }

            switch (_pos + 1 < _xml.Length ? _xml[_pos + 1] : '\0')
            {
                case '/':
                    ScanEndTag();
                    return Token.EndTag;
                case '?':
                    ScanProcessingInstruction();
                    break;
                case '!' when _xml[_pos..].StartsWith("<!--"):
                    ScanComment();
                    break;
                case '!' when _xml[_pos..].StartsWith("<![CDATA["):
                    ScanCData();
                    return Token.CData;
                case '!':
                    ScanDoctype();
                    break;
                default:
                    ScanStartTag();
                    return Token.StartTag;
            }
        }
    }

    private void ScanText()
    {
        _tokenStart = _pos;
        _tokenIsPlain = true;
        while (true)
        {
            var next = _xml[_pos..].IndexOfAny(s_textStops);
            if (next < 0)
            {
                _pos = _xml.Length;
                break;
            }

            _pos += next;
            var stop = _xml[_pos];
            if (stop == '<')
            {
                break;
            }

            if (stop == '&')
            {
                _pos = ReadReference(_pos);
                _tokenIsPlain = false;
                continue;
            }

            if (_xml[_pos..].StartsWith("]]>"))
            {
                throw Error(_pos, "']]>' is not allowed in character data.");
            }

            _pos++;
        }

        _tokenLength = _pos - _tokenStart;
    }

    private readonly FormatException UnclosedElements()
    {
        var names = new List<string>();
        for (var i = _depth - 1; i >= 0; i--)
        {
            names.Add(_xml.Slice(_frames[i].NameStart, _frames[i].NameLength).ToString());
        }

        return Error(_xml.Length, $"Unexpected end of file. The following elements are not closed: {string.Join(", ", names)}.");
    }

    private readonly FormatException Error(int at, string detail) => Error(_xml, at, detail);

    private static FormatException Error(ReadOnlySpan<char> xml, int at, string detail) =>
        new($"The output is not well-formed XML: {detail} {Where(xml, at)}.");

    private readonly string Where(int at) => Where(_xml, at);

    private static string Where(ReadOnlySpan<char> xml, int at)
    {
        var before = xml[..Math.Min(at, xml.Length)];
        var line = before.Count('\n') + 1;
        var column = before.Length - before.LastIndexOf('\n');
        return string.Create(CultureInfo.InvariantCulture, $"Line {line}, position {column}");
    }

    private readonly record struct Frame(int NameStart, int NameLength, bool InDefaultNamespace, int PrefixCount);
}
