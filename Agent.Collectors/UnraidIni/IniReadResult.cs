namespace Agent.Collectors.UnraidIni;

/// <summary>The outcome of reading one emhttp file: a whole document, no file, or a file caught half-written.</summary>
internal readonly record struct IniReadResult(IniReadStatus Status, IniDocument? Document)
{
    /// <summary>No file of that name.</summary>
    public static IniReadResult Missing => new(IniReadStatus.Missing, null);

    /// <summary>The file was half-written on every attempt.</summary>
    public static IniReadResult Incomplete => new(IniReadStatus.Incomplete, null);
}
