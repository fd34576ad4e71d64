namespace Agent.Tests.Hardening;

/// <summary>Hostile-client and faulty-source tests run alone: they compare the process's managed memory before and after.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardeningCollection
{
    public const string Name = "Hardening";
}
