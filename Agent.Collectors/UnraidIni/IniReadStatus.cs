namespace Agent.Collectors.UnraidIni;

/// <summary>What reading an emhttp file gave.</summary>
internal enum IniReadStatus
{
    /// <summary>A whole document.</summary>
    Complete,

    /// <summary>The file does not exist.</summary>
    Missing,

    /// <summary>The file was being rewritten on every attempt.</summary>
    Incomplete,
}
