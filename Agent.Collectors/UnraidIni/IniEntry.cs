namespace Agent.Collectors.UnraidIni;

/// <summary>One <c>key=value</c> line of an ini text, as offsets into the text so that parsing allocates no strings.</summary>
internal readonly record struct IniEntry(int KeyStart, int KeyLength, int ValueStart, int ValueLength, bool HasEscapes);
