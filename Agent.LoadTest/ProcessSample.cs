namespace Agent.LoadTest;

/// <summary>The agent's process at one moment of a soak run.</summary>
/// <param name="ElapsedSeconds">Seconds since the soak started.</param>
/// <param name="ResidentBytes">Resident set size.</param>
/// <param name="OpenHandles">Open file descriptors.</param>
/// <param name="Threads">Threads of the process.</param>
/// <param name="Connections">The agent's <c>current</c> connections.</param>
internal sealed record ProcessSample(double ElapsedSeconds, long ResidentBytes, long OpenHandles, long Threads, int Connections);
