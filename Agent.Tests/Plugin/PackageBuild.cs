using Agent.Tests.Support;

namespace Agent.Tests.Plugin;

/// <summary>
/// Runs <c>build/package.sh</c> once for the plugin tests and keeps its output. <c>UMA_TEST_PACKAGE_DIR</c> names a
/// folder that already holds a build's output, so that a local edit-and-test loop can skip the slow publish.
/// </summary>
public sealed class PackageBuild : IAsyncLifetime
{
    private const string Name = "unraid-management-agent";
    private readonly TempFolder _folder = new();

    /// <summary>The folder with the <c>.txz</c> and the <c>.plg</c>.</summary>
    public string Output { get; private set; } = "";

    /// <summary>What the build script printed.</summary>
    public string Log { get; private set; } = "";

    /// <summary>The built <c>.plg</c>.</summary>
    public string PluginFile => Path.Combine(Output, Name + ".plg");

    /// <summary>The built package.</summary>
    public string PackageFile => Directory.GetFiles(Output, Name + "-*.txz").Single();

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("UMA_TEST_PACKAGE_DIR") is { Length: > 0 } prebuilt)
        {
            Output = prebuilt;
            return;
        }

        Output = Path.Combine(_folder.Path, "artifacts");
        var script = Path.Combine(TestPaths.RepositoryRoot, "build", "package.sh");
        var run = await ScriptRun.RunAsync("bash", [script, "--output", Output], timeout: TimeSpan.FromMinutes(15));
        Log = run.Output;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"build/package.sh failed with exit code {run.ExitCode}:\n{run.Output}");
        }
    }

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
