namespace Agent.Collectors.UnraidIni;

/// <summary>Where a section's entries lie in <see cref="IniDocument"/>'s entry list.</summary>
internal readonly record struct IniSectionRange(string Name, int FirstEntry, int EntryCount);
