namespace Agent.Tests.Collectors.Ups;

/// <summary>A fact that needs the real UPS daemons; skipped with the reason when one is not installed.</summary>
public sealed class UpsDaemonFactAttribute : FactAttribute
{
    public UpsDaemonFactAttribute()
    {
        if (!NutDaemonFixture.IsInstalled)
        {
            Skip = "waits for nut-server and nut-client (build/deps/apt-packages.txt; build/test.sh installs them)";
        }
        else if (!ApcupsdDaemonFixture.IsInstalled)
        {
            Skip = $"waits for apcupsd unpacked at {ApcupsdDaemonFixture.Root} (run build/deps/apcupsd.sh)";
        }
    }
}
