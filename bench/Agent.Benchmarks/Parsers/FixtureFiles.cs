namespace Agent.Benchmarks.Parsers;

/// <summary>Finds the fixture files (the repository's own and the shared corpus, both read in place) from the benchmark's output folder.</summary>
internal static class FixtureFiles
{
    public static string Repo { get; } = FindRepo();

    public static string Owned(params string[] parts) => Path.Combine([Repo, "Agent.Tests", "Fixtures", .. parts]);

    /// <summary>A file of the read-only corpus beside the checkout (<c>../shared/fixtures</c>), read in place.</summary>
    public static string Shared(params string[] parts) => Path.Combine([Repo, "..", "shared", "fixtures", .. parts]);

    private static string FindRepo()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Agent.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Agent.sln was not found above the benchmark's folder; run it from the repository's build output.");
    }
}
