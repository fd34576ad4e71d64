namespace Agent.LoadTest;

/// <summary>One row of the distribution by type.</summary>
internal sealed record TypeShare(string Type, long Count, double Percent);
