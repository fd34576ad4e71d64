namespace Agent.Bench.Payloads;

/// <summary>What a benchmark server answers when a run is over.</summary>
/// <param name="Published">Events published.</param>
/// <param name="AllocatedBytes">Bytes the server allocated during the run (managed servers only; -1 otherwise).</param>
/// <param name="Serializations">
/// Events the server serialized during the run, by its own count, over every encoding (the agent only; -1 otherwise).
/// </param>
public sealed record BenchRunAnswer(long Published, long AllocatedBytes, long Serializations = -1);
