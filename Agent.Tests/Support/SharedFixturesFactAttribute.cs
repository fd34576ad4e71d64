namespace Agent.Tests.Support;

/// <summary>A fact that needs <c>../shared/fixtures</c>; skipped with the reason when the corpus is absent.</summary>
public sealed class SharedFixturesFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when the shared corpus cannot be found.</summary>
    public SharedFixturesFactAttribute()
    {
        if (!TestPaths.HasSharedFixtures)
        {
            Skip = $"waits for the shared fixture corpus at {TestPaths.SharedFixtures} (set AGENT_SHARED_FIXTURES to its folder)";
        }
    }
}
