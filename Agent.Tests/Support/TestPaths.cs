namespace Agent.Tests.Support;

/// <summary>Where the repository and the shared fixture corpus are, seen from the test binaries.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> s_repositoryRoot = new(FindRepositoryRoot);

    /// <summary>The folder that holds <c>Agent.sln</c>.</summary>
    public static string RepositoryRoot => s_repositoryRoot.Value;

    /// <summary>
    /// The read-only corpus of captured outputs, <c>../shared/fixtures</c> beside the checkout, or the folder named by
    /// <c>AGENT_SHARED_FIXTURES</c>.
    /// </summary>
    public static string SharedFixtures =>
        Environment.GetEnvironmentVariable("AGENT_SHARED_FIXTURES") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures"));

    /// <summary>Whether the shared corpus is present.</summary>
    public static bool HasSharedFixtures => Directory.Exists(SharedFixtures);

    /// <summary>A path inside the shared corpus.</summary>
    public static string Shared(params string[] parts) => Path.Combine([SharedFixtures, .. parts]);

    /// <summary>A path inside this project's own fixtures, as copied next to the test binaries.</summary>
    public static string Owned(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Agent.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Agent.sln above {AppContext.BaseDirectory}.");
    }
}
