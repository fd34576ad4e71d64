using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Agent.Collectors.Gpu;

/// <summary>
/// The structural index of <see cref="NvidiaXmlScanner"/>: for each block of 64 characters, one bit per character for
/// '&lt;', for '&amp;' or ']' (text that needs a closer look), and for what cannot continue an ASCII name. The scan
/// jumps from bit to bit instead of calling a search for every tag and every piece of text, which is what keeps a
/// 90 KB report within tens of microseconds. Every block is also checked for characters XML does not allow, in order,
/// exactly once, whatever the scan skips over.
/// </summary>
internal ref partial struct NvidiaXmlScanner
{
    private const int BlockShift = 6;
    private const int BlockLength = 1 << BlockShift;

    // The next '<' at or after from, or the end of the document; whether a '&' or ']' comes before it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextMarkup(int from, out bool special)
    {
        special = false;
        var pos = from;
        while (pos < _xml.Length)
        {
            var block = pos >> BlockShift;
            Load(block);
            var after = ulong.MaxValue << (pos & (BlockLength - 1));
            var lt = _ltMask & after;
            var stops = _specialMask & after;
            if (lt != 0)
            {
                var bit = BitOperations.TrailingZeroCount(lt);
                special |= (stops & ((1UL << bit) - 1)) != 0;
                return (block << BlockShift) + bit;
            }

            special |= stops != 0;
            pos = (block + 1) << BlockShift;
        }

        return _xml.Length;
    }

    // The first character at or after from that cannot be part of an ASCII name without a colon, or the end.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextNonName(int from)
    {
        var pos = from;
        while (pos < _xml.Length)
        {
            var block = pos >> BlockShift;
            Load(block);
            var stops = _nonNameMask & (ulong.MaxValue << (pos & (BlockLength - 1)));
            if (stops != 0)
            {
                return (block << BlockShift) + BitOperations.TrailingZeroCount(stops);
            }

            pos = (block + 1) << BlockShift;
        }

        return _xml.Length;
    }

    // Checks the characters of every block not checked yet, for instance what the scan skipped at the end.
    private void CheckRemainingCharacters()
    {
        var blocks = (_xml.Length + BlockLength - 1) >> BlockShift;
        if (blocks > 0)
        {
            Load(blocks - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Load(int block)
    {
        if (block != _block)
        {
            LoadAnother(block);
        }
    }

    // Kept out of line: the scan calls Load for every tag and changes block only every few tags.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LoadAnother(int block)
    {
        // Blocks the scan jumped over are checked all the same.
        while (_checkedBlocks < block)
        {
            Index(_checkedBlocks++);
        }

        Index(block);
        _checkedBlocks = Math.Max(_checkedBlocks, block + 1);
        _block = block;
    }

    private void Index(int block)
    {
        var start = block << BlockShift;
        var chars = _xml.Slice(start, Math.Min(BlockLength, _xml.Length - start));
        if (chars.Length == BlockLength)
        {
            var indexed = Vector512.IsHardwareAccelerated ? IndexAscii512(chars, start)
                : Avx2.IsSupported ? IndexAsciiAvx2(chars, start)
                : Vector256.IsHardwareAccelerated ? IndexAscii256(chars, start)
                : Vector128.IsHardwareAccelerated && IndexAscii(chars, start);
            if (indexed)
            {
                return;
            }
        }

        IndexAnyCharacters(chars, start);
    }

    // Sixty-four characters narrowed to four vectors of bytes; false, without effect, when one is not ASCII.
    private bool IndexAscii(ReadOnlySpan<char> chars, int start)
    {
        ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(chars));
        var c0 = Vector128.LoadUnsafe(ref first, 0);
        var c1 = Vector128.LoadUnsafe(ref first, 8);
        var c2 = Vector128.LoadUnsafe(ref first, 16);
        var c3 = Vector128.LoadUnsafe(ref first, 24);
        var c4 = Vector128.LoadUnsafe(ref first, 32);
        var c5 = Vector128.LoadUnsafe(ref first, 40);
        var c6 = Vector128.LoadUnsafe(ref first, 48);
        var c7 = Vector128.LoadUnsafe(ref first, 56);
        if (((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) & Vector128.Create((ushort)0xFF80)) != Vector128<ushort>.Zero)
        {
            return false;
        }

        var m0 = Classify(Vector128.Narrow(c0, c1));
        var m1 = Classify(Vector128.Narrow(c2, c3));
        var m2 = Classify(Vector128.Narrow(c4, c5));
        var m3 = Classify(Vector128.Narrow(c6, c7));
        var control = Join(m0.Control, m1.Control, m2.Control, m3.Control);
        if (control != 0)
        {
            throw InvalidCharacter(_xml, start + BitOperations.TrailingZeroCount(control));
        }

        _ltMask = Join(m0.Lt, m1.Lt, m2.Lt, m3.Lt);
        _specialMask = Join(m0.Special, m1.Special, m2.Special, m3.Special);
        _nonNameMask = Join(m0.NonName, m1.NonName, m2.NonName, m3.NonName);
        return true;
    }

    private bool IndexAscii512(ReadOnlySpan<char> chars, int start)
    {
        ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(chars));
        var c0 = Vector512.LoadUnsafe(ref first, 0);
        var c1 = Vector512.LoadUnsafe(ref first, 32);
        if (((c0 | c1) & Vector512.Create((ushort)0xFF80)) != Vector512<ushort>.Zero)
        {
            return false;
        }

        var b = Vector512.Narrow(c0, c1).AsSByte();
        var lower = b | Vector512.Create((sbyte)0x20);
        var letter = Vector512.GreaterThan(lower, Vector512.Create((sbyte)('a' - 1))) & Vector512.LessThan(lower, Vector512.Create((sbyte)('z' + 1)));
        var digit = Vector512.GreaterThan(b, Vector512.Create((sbyte)('0' - 1))) & Vector512.LessThan(b, Vector512.Create((sbyte)('9' + 1)));
        var punctuation = Vector512.Equals(b, Vector512.Create((sbyte)'.'))
            | Vector512.Equals(b, Vector512.Create((sbyte)'-'))
            | Vector512.Equals(b, Vector512.Create((sbyte)'_'));
        var space = Vector512.Equals(b, Vector512.Create((sbyte)'\t'))
            | Vector512.Equals(b, Vector512.Create((sbyte)'\n'))
            | Vector512.Equals(b, Vector512.Create((sbyte)'\r'));
        var control = Vector512.AndNot(Vector512.LessThan(b, Vector512.Create((sbyte)0x20)), space).ExtractMostSignificantBits();
        if (control != 0)
        {
            throw InvalidCharacter(_xml, start + BitOperations.TrailingZeroCount(control));
        }

        _ltMask = Vector512.Equals(b, Vector512.Create((sbyte)'<')).ExtractMostSignificantBits();
        _specialMask = (Vector512.Equals(b, Vector512.Create((sbyte)'&')) | Vector512.Equals(b, Vector512.Create((sbyte)']')))
            .ExtractMostSignificantBits();
        _nonNameMask = ~(letter | digit | punctuation).ExtractMostSignificantBits();
        return true;
    }

    // Name characters by nibbles: a byte is one when the bit sets of its low and its high nibble meet. Bit 0: '-' and
    // '.' (high 2, low D-E); bit 1: digits (3, 0-9); bit 2: 'A'..'O' and 'a'..'o' (4 and 6, 1-F); bit 3:
    // 'P'..'Z' and 'p'..'z' (5 and 7, 0-A); bit 4: '_' (5, F).
    private static readonly Vector256<byte> s_nameByLow = Vector256.Create(
        (byte)0b01010, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110,
        0b01100, 0b00100, 0b00100, 0b00101, 0b00101, 0b10100,
        0b01010, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110, 0b01110,
        0b01100, 0b00100, 0b00100, 0b00101, 0b00101, 0b10100);

    private static readonly Vector256<byte> s_nameByHigh = Vector256.Create(
        (byte)0, 0, 0b00001, 0b00010, 0b00100, 0b11000, 0b00100, 0b01000, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0b00001, 0b00010, 0b00100, 0b11000, 0b00100, 0b01000, 0, 0, 0, 0, 0, 0, 0, 0);

    // Tab, line feed and carriage return map to themselves by their low nibble, every other low nibble to 0x80, which
    // no ASCII byte equals: a byte is white space (of those allowed below 0x20) when the lookup gives it back.
    private static readonly Vector256<byte> s_spaceByLow = Vector256.Create(
        (byte)0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x09, 0x0A, 0x80, 0x80, 0x0D, 0x80, 0x80,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x09, 0x0A, 0x80, 0x80, 0x0D, 0x80, 0x80);

    // The same index as IndexAscii256 with table lookups in place of range compares and one test for both non-ASCII
    // and control characters: about half the instructions per block, which matters because every block is indexed.
    private bool IndexAsciiAvx2(ReadOnlySpan<char> chars, int start)
    {
        ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, short>(chars));

        // Saturating packs interleave the 128-bit lanes; the permutation puts the 32 characters back in order. A
        // character from U+0080 up packs to a byte of 0x80 or more, or from U+8000 up to zero: either shows below as a
        // control character, and the block is left to the exact check of IndexAnyCharacters.
        var b0 = PackInOrderAvx2(ref first, 0);
        var b1 = PackInOrderAvx2(ref first, 32);
        var control = ControlAvx2(b0) | ControlAvx2(b1);
        if (!Avx.TestZ(control, control))
        {
            return false;
        }

        _ltMask = Avx2.CompareEqual(b0, Vector256.Create((byte)'<')).ExtractMostSignificantBits()
            | ((ulong)Avx2.CompareEqual(b1, Vector256.Create((byte)'<')).ExtractMostSignificantBits() << 32);
        _specialMask = SpecialAvx2(b0) | ((ulong)SpecialAvx2(b1) << 32);
        _nonNameMask = NonNameAvx2(b0) | ((ulong)NonNameAvx2(b1) << 32);
        return true;
    }

    // Control characters other than tab, line feed and carriage return, and (signed) every byte from 0x80.
    // Thirty-two characters from `offset` as bytes, saturated, in their order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> PackInOrderAvx2(ref short first, nuint offset)
    {
        var packed = Avx2.PackUnsignedSaturate(Vector256.LoadUnsafe(ref first, offset), Vector256.LoadUnsafe(ref first, offset + 16));
        return Avx2.Permute4x64(packed.AsUInt64(), 0b11_01_10_00).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> ControlAvx2(Vector256<byte> b)
    {
        var space = Avx2.CompareEqual(Avx2.Shuffle(s_spaceByLow, b), b);
        var below = Avx2.CompareGreaterThan(Vector256.Create((sbyte)0x20), b.AsSByte()).AsByte();
        return Avx2.AndNot(space, below);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpecialAvx2(Vector256<byte> b) =>
        (Avx2.CompareEqual(b, Vector256.Create((byte)'&')) | Avx2.CompareEqual(b, Vector256.Create((byte)']'))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NonNameAvx2(Vector256<byte> b)
    {
        var low = b & Vector256.Create((byte)0x0F);
        var high = Avx2.ShiftRightLogical(b.AsUInt16(), 4).AsByte() & Vector256.Create((byte)0x0F);
        var name = Avx2.Shuffle(s_nameByLow, low) & Avx2.Shuffle(s_nameByHigh, high);
        return Avx2.CompareEqual(name, Vector256<byte>.Zero).ExtractMostSignificantBits();
    }

    private bool IndexAscii256(ReadOnlySpan<char> chars, int start)
    {
        ref var first = ref MemoryMarshal.GetReference(MemoryMarshal.Cast<char, ushort>(chars));
        var c0 = Vector256.LoadUnsafe(ref first, 0);
        var c1 = Vector256.LoadUnsafe(ref first, 16);
        var c2 = Vector256.LoadUnsafe(ref first, 32);
        var c3 = Vector256.LoadUnsafe(ref first, 48);
        if (((c0 | c1 | c2 | c3) & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            return false;
        }

        var m0 = Classify(Vector256.Narrow(c0, c1));
        var m1 = Classify(Vector256.Narrow(c2, c3));
        var control = m0.Control | ((ulong)m1.Control << 32);
        if (control != 0)
        {
            throw InvalidCharacter(_xml, start + BitOperations.TrailingZeroCount(control));
        }

        _ltMask = m0.Lt | ((ulong)m1.Lt << 32);
        _specialMask = m0.Special | ((ulong)m1.Special << 32);
        _nonNameMask = m0.NonName | ((ulong)m1.NonName << 32);
        return true;
    }

    // The bytes are ASCII, below 0x80, so signed comparisons (one instruction each) give the ranges.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Lt, uint Special, uint NonName, uint Control) Classify(Vector256<byte> bytes)
    {
        var b = bytes.AsSByte();
        var lower = b | Vector256.Create((sbyte)0x20);
        var letter = Vector256.GreaterThan(lower, Vector256.Create((sbyte)('a' - 1))) & Vector256.LessThan(lower, Vector256.Create((sbyte)('z' + 1)));
        var digit = Vector256.GreaterThan(b, Vector256.Create((sbyte)('0' - 1))) & Vector256.LessThan(b, Vector256.Create((sbyte)('9' + 1)));
        var punctuation = Vector256.Equals(b, Vector256.Create((sbyte)'.'))
            | Vector256.Equals(b, Vector256.Create((sbyte)'-'))
            | Vector256.Equals(b, Vector256.Create((sbyte)'_'));
        var space = Vector256.Equals(b, Vector256.Create((sbyte)'\t'))
            | Vector256.Equals(b, Vector256.Create((sbyte)'\n'))
            | Vector256.Equals(b, Vector256.Create((sbyte)'\r'));
        var special = Vector256.Equals(b, Vector256.Create((sbyte)'&')) | Vector256.Equals(b, Vector256.Create((sbyte)']'));
        var control = Vector256.AndNot(Vector256.LessThan(b, Vector256.Create((sbyte)0x20)), space);
        return (
            Vector256.Equals(b, Vector256.Create((sbyte)'<')).ExtractMostSignificantBits(),
            special.ExtractMostSignificantBits(),
            ~(letter | digit | punctuation).ExtractMostSignificantBits(),
            control.ExtractMostSignificantBits());
    }

    private static ulong Join(uint m0, uint m1, uint m2, uint m3) =>
        m0 | ((ulong)m1 << 16) | ((ulong)m2 << 32) | ((ulong)m3 << 48);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Lt, uint Special, uint NonName, uint Control) Classify(Vector128<byte> b)
    {
        var letter = Vector128.LessThanOrEqual((b | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)25));
        var digit = Vector128.LessThanOrEqual(b - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
        var punctuation = Vector128.Equals(b, Vector128.Create((byte)'.'))
            | Vector128.Equals(b, Vector128.Create((byte)'-'))
            | Vector128.Equals(b, Vector128.Create((byte)'_'));
        var space = Vector128.Equals(b, Vector128.Create((byte)'\t'))
            | Vector128.Equals(b, Vector128.Create((byte)'\n'))
            | Vector128.Equals(b, Vector128.Create((byte)'\r'));
        var special = Vector128.Equals(b, Vector128.Create((byte)'&')) | Vector128.Equals(b, Vector128.Create((byte)']'));
        var control = Vector128.LessThan(b, Vector128.Create((byte)0x20)) & ~space;
        return (
            Vector128.Equals(b, Vector128.Create((byte)'<')).ExtractMostSignificantBits(),
            special.ExtractMostSignificantBits(),
            (~(letter | digit | punctuation)).ExtractMostSignificantBits(),
            control.ExtractMostSignificantBits());
    }

    private void IndexAnyCharacters(ReadOnlySpan<char> chars, int start)
    {
        ulong lt = 0, special = 0, nonName = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var bit = 1UL << i;
            if (c == '<')
            {
                lt |= bit;
            }
            else if (c is '&' or ']')
            {
                special |= bit;
            }

            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                nonName |= bit;
                CheckCharacter(start + i);
            }
        }

        _ltMask = lt;
        _specialMask = special;
        _nonNameMask = nonName;
    }

    // XML 1.0 allows tab, line feed, carriage return, and from U+0020 on all but lone surrogates, U+FFFE and U+FFFF.
    private readonly void CheckCharacter(int at)
    {
        var c = _xml[at];
        var valid = c switch
        {
            '\t' or '\n' or '\r' => true,
            < ' ' or '\uFFFE' or '\uFFFF' => false,
            _ when char.IsHighSurrogate(c) => at + 1 < _xml.Length && char.IsLowSurrogate(_xml[at + 1]),
            _ when char.IsLowSurrogate(c) => at > 0 && char.IsHighSurrogate(_xml[at - 1]),
            _ => true,
        };
        if (!valid)
        {
            throw InvalidCharacter(_xml, at);
        }
    }
}
