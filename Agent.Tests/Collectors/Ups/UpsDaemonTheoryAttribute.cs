using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

/// <summary>A theory that needs the real UPS daemons and the shared corpus; skipped with the reason when one is not installed.</summary>
public sealed class UpsDaemonTheoryAttribute : TheoryAttribute
{
    public UpsDaemonTheoryAttribute()
    {
        if (!TestPaths.HasSharedFixtures)
        {
            Skip = $"waits for the shared fixture corpus at {TestPaths.SharedFixtures} (set AGENT_SHARED_FIXTURES to its folder)";
        }
        else if (!NutDaemonFixture.IsInstalled)
        {
            Skip = "waits for nut-server and nut-client (build/deps/apt-packages.txt; build/test.sh installs them)";
        }
        else if (!ApcupsdDaemonFixture.IsInstalled)
        {
            Skip = $"waits for apcupsd unpacked at {ApcupsdDaemonFixture.Root} (run build/deps/apcupsd.sh)";
        }
    }
}
