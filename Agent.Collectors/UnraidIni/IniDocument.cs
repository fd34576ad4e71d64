using System.Runtime.InteropServices;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// A parsed emhttp ini file: the keys before the first header (all of <c>var.ini</c>) and the named sections, in file
/// order. Values stay offsets into <see cref="Text"/> until a caller asks for one.
/// </summary>
internal sealed class IniDocument
{
    private readonly List<IniEntry> _entries;
    private readonly List<IniSectionRange> _sections;

    internal IniDocument(string text, List<IniEntry> entries, int globalCount, List<IniSectionRange> sections, bool isTruncated)
    {
        Text = text;
        _entries = entries;
        _sections = sections;
        Global = new IniSection(this, "", 0, globalCount);
        IsTruncated = isTruncated;
    }

    /// <summary>The text the offsets point into.</summary>
    public string Text { get; }

    /// <summary>The keys before the first section header.</summary>
    public IniSection Global { get; }

    /// <summary>Whether the last line was cut off (an unclosed quote or a key without <c>=</c> at the end of the text).</summary>
    public bool IsTruncated { get; }

    /// <summary>Number of named sections.</summary>
    public int SectionCount => _sections.Count;

    /// <summary>The section at <paramref name="index"/>, in file order.</summary>
    public IniSection SectionAt(int index)
    {
        var range = _sections[index];
        return new IniSection(this, range.Name, range.FirstEntry, range.EntryCount);
    }

    /// <summary>The last section named <paramref name="name"/>, or <see langword="null"/> when there is none.</summary>
    public IniSection? FindSection(string name)
    {
        for (var i = _sections.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_sections[i].Name, name, StringComparison.Ordinal))
            {
                return SectionAt(i);
            }
        }

        return null;
    }

    internal ReadOnlySpan<IniEntry> Entries(int first, int count) => CollectionsMarshal.AsSpan(_entries).Slice(first, count);
}
