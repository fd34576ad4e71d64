namespace Agent.LoadTest;

/// <summary>Memory, handles and threads of a process, read once.</summary>
internal sealed record ProcessFigures(long ResidentBytes, long OpenHandles, long Threads);
