using Agent.Tests.Support;

namespace Agent.Tests.Host.Array;

/// <summary>
/// An emhttp folder of the test's own, filled at run time from the shared corpus (read in place, copied only into
/// the temporary folder), plus the settings that point a host at it.
/// </summary>
public sealed class EmhttpFixtureFolder : IDisposable
{
    private readonly TempFolder _root = new();

    /// <summary>Creates the folders; <paramref name="populate"/> false leaves the emhttp folder absent.</summary>
    public EmhttpFixtureFolder(bool populate = true, string var = "var.ini.unraid-7.3.1-started-degraded")
    {
        Emhttp = Path.Combine(_root.Path, "emhttp");
        UserShares = Path.Combine(_root.Path, "mnt-user");
        Directory.CreateDirectory(UserShares);
        if (populate)
        {
            Populate(var);
        }
    }

    /// <summary>The emhttp folder.</summary>
    public string Emhttp { get; }

    /// <summary>The user share mount (a plain folder on the temp file system).</summary>
    public string UserShares { get; }

    /// <summary>The test's root folder, for more fake roots beside the emhttp folder.</summary>
    public string Root => _root.Path;

    /// <summary>Creates the emhttp folder with var.ini, disks.ini and shares.ini from the corpus.</summary>
    public void Populate(string var = "var.ini.unraid-7.3.1-started-degraded")
    {
        Directory.CreateDirectory(Emhttp);
        File.Copy(TestPaths.Shared("emhttp", var), Path.Combine(Emhttp, "var.ini"), overwrite: true);
        File.Copy(TestPaths.Shared("emhttp", "disks.ini.unraid-6.11-array-with-pool"), Path.Combine(Emhttp, "disks.ini"), overwrite: true);
        File.Copy(TestPaths.Shared("emhttp", "shares.ini"), Path.Combine(Emhttp, "shares.ini"), overwrite: true);
    }

    /// <summary>The text of a corpus var.ini with <c>mdState</c> replaced.</summary>
    public static string VarWithState(string state) =>
        File.ReadAllText(TestPaths.Shared("emhttp", "var.ini.unraid-7.3.1-started-degraded"))
            .Replace("mdState=\"STARTED\"", $"mdState=\"{state}\"", StringComparison.Ordinal);

    /// <summary>Settings for <see cref="AgentServer.StartAsync"/>; the intervals are long so only the watcher wakes the collectors.</summary>
    public Dictionary<string, string?> Settings(int intervalSeconds = 3600) => new()
    {
        ["Agent:Paths:Emhttp"] = Emhttp,
        ["Agent:Paths:UserShares"] = UserShares,
        ["Agent:Intervals:Array"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agent:Intervals:Disks"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Agent:Intervals:Shares"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <inheritdoc/>
    public void Dispose() => _root.Dispose();
}
