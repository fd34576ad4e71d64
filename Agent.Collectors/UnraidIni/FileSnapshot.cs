namespace Agent.Collectors.UnraidIni;

/// <summary>The content of a file read once, and whether its length or change time moved while it was read.</summary>
internal sealed record FileSnapshot(string Text, bool ChangedWhileRead);
