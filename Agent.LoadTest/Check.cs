namespace Agent.LoadTest;

/// <summary>One line of the verification block.</summary>
internal sealed record Check(string Name, bool Passed, string Detail);
