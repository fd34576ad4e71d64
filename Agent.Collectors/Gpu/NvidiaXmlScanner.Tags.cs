using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Start and end tags for <see cref="NvidiaXmlScanner"/>: a plain tag (an ASCII name without prefix or attributes) is
/// read from the structural index, anything else character by character.
/// </summary>
internal ref partial struct NvidiaXmlScanner
{
    private void ScanStartTag()
    {
        if (!ScanPlainStartTag())
        {
            ScanAnyStartTag();
        }
    }

    // The usual start tag: an ASCII name without a prefix, then '>' or '/>'.
    private bool ScanPlainStartTag()
    {
        var nameStart = _pos + 1;
        if (nameStart >= _xml.Length || !(char.IsAsciiLetter(_xml[nameStart]) || _xml[nameStart] == '_'))
        {
            return false;
        }

        var end = NextNonName(nameStart + 1);
        var isEmpty = end + 1 < _xml.Length && _xml[end] == '/' && _xml[end + 1] == '>';
        if (!isEmpty && (end >= _xml.Length || _xml[end] != '>'))
        {
            return false;
        }

        if (_depth == 0)
        {
            if (_seenRoot)
            {
                throw Error(_pos, "There are multiple root elements.");
            }

            _seenRoot = true;
        }

        _nameStart = nameStart;
        _nameLength = end - nameStart;
        _localOffset = 0;
        _attributesStart = _attributesEnd = end;
        _isEmpty = isEmpty;
        var inDefaultNamespace = _depth > 0 && _frames[_depth - 1].InDefaultNamespace;
        IsNamespaced = inDefaultNamespace;
        _pos = end + (isEmpty ? 2 : 1);
        if (!isEmpty)
        {
            Push(inDefaultNamespace);
        }

        return true;
    }

    private void Push(bool inDefaultNamespace) => Push(inDefaultNamespace, _prefixCount);

    private void Push(bool inDefaultNamespace, int prefixesBefore)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame(_nameStart, _nameLength, inDefaultNamespace, prefixesBefore);
    }

    private void ScanAnyStartTag()
    {
        var tagStart = _pos;
        if (_depth == 0)
        {
            if (_seenRoot)
            {
                throw Error(tagStart, "There are multiple root elements.");
            }

            _seenRoot = true;
        }

        _pos++;
        _nameStart = _pos;
        _localOffset = ScanQualifiedName() + 1;
        _nameLength = _pos - _nameStart;
        _attributesStart = _pos;
        var inDefaultNamespace = _depth > 0 && _frames[_depth - 1].InDefaultNamespace;
        var prefixesBefore = _prefixCount;

        // Most tags have no attributes; the loop below would find the same end.
        var hasAttributes = _pos >= _xml.Length || _xml[_pos] != '>';
        while (hasAttributes)
        {
            var hadSpace = SkipWhitespace();
            if (_pos >= _xml.Length)
            {
                throw Error(_pos, "Unexpected end of file while parsing a start tag.");
            }

            if (_xml[_pos] == '>' || _xml[_pos..].StartsWith("/>"))
            {
                break;
            }

            if (!hadSpace)
            {
                throw Error(_pos, "White space is expected between the name and the attributes of a start tag.");
            }

            ScanAttribute(ref inDefaultNamespace);
        }

        _attributesEnd = _pos;
        _isEmpty = _xml[_pos] == '/';
        _pos += _isEmpty ? 2 : 1;
        if (hasAttributes || _localOffset > 0)
        {
            CheckPrefixes();
        }

        IsNamespaced = inDefaultNamespace || _localOffset > 0;
        if (_isEmpty)
        {
            _prefixCount = prefixesBefore;
            return;
        }

        Push(inDefaultNamespace, prefixesBefore);
    }

    private void ScanEndTag()
    {
        if (!ScanPlainEndTag())
        {
            ScanAnyEndTag();
        }
    }

    // The usual end tag: the name of the open element, then '>'.
    private bool ScanPlainEndTag()
    {
        if (_depth == 0)
        {
            return false;
        }

        var open = _frames[_depth - 1];
        var after = _pos + 2 + open.NameLength;
        if (after >= _xml.Length || _xml[after] != '>' || !SameName(_pos + 2, open.NameStart, open.NameLength))
        {
            return false;
        }

        _pos = after + 1;
        EndElement(open);
        return true;
    }

    // Names are short: up to eight characters are compared as two overlapping 64-bit words, up to sixteen or
    // thirty-two as two overlapping vectors, and longer ones by the library.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool SameName(int at, int nameStart, int length)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(_xml);
        ref var first = ref MemoryMarshal.GetReference(chars);
        if (length is >= 4 and <= 8)
        {
            var last = (nuint)(length - 4);
            return ReadWord(ref first, at, 0) == ReadWord(ref first, nameStart, 0)
                && ReadWord(ref first, at, last) == ReadWord(ref first, nameStart, last);
        }

        if (length is > 8 and <= 16 && Vector128.IsHardwareAccelerated)
        {
            var last = (nuint)(length - 8);
            return Vector128.LoadUnsafe(ref first, (nuint)at) == Vector128.LoadUnsafe(ref first, (nuint)nameStart)
                && Vector128.LoadUnsafe(ref first, (nuint)at + last) == Vector128.LoadUnsafe(ref first, (nuint)nameStart + last);
        }

        if (length is > 16 and <= 32 && Vector256.IsHardwareAccelerated)
        {
            var last = (nuint)(length - 16);
            return Vector256.LoadUnsafe(ref first, (nuint)at) == Vector256.LoadUnsafe(ref first, (nuint)nameStart)
                && Vector256.LoadUnsafe(ref first, (nuint)at + last) == Vector256.LoadUnsafe(ref first, (nuint)nameStart + last);
        }

        return _xml.Slice(at, length).SequenceEqual(_xml.Slice(nameStart, length));
    }

    private static ulong ReadWord(ref ushort first, int at, nuint offset) =>
        Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref Unsafe.Add(ref first, (nuint)at + offset)));

    private void ScanAnyEndTag()
    {
        var tagStart = _pos;
        _pos += 2;
        var nameStart = _pos;
        ScanQualifiedName();
        var name = _xml[nameStart.._pos];
        SkipWhitespace();
        if (_pos >= _xml.Length || _xml[_pos] != '>')
        {
            throw Error(_pos, $"The end tag '{name}' is not closed with '>'.");
        }

        _pos++;
        if (_depth == 0)
        {
            throw Error(tagStart, $"The end tag '{name}' has no start tag.");
        }

        var open = _frames[_depth - 1];
        var openName = _xml.Slice(open.NameStart, open.NameLength);
        if (!name.SequenceEqual(openName))
        {
            throw Error(tagStart, $"The '{openName}' start tag at {Where(open.NameStart - 1)} does not match the end tag of '{name}'.");
        }

        EndElement(open);
    }

    private void EndElement(Frame open)
    {
        _prefixCount = open.PrefixCount;
        _depth--;

        // The flag belonged to an element inside the one that ends here.
        _isEmpty = false;
    }
}
