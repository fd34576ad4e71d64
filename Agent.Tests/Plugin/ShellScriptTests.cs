using Agent.Tests.Support;

namespace Agent.Tests.Plugin;

public sealed class ShellScriptTests
{
    private static readonly string[] s_skippedFolders = ["bin", "obj", "node_modules", ".git", "artifacts", "TestResults"];

    [Fact]
    public async Task EveryShellScript_Shellcheck_ReportsNothing()
    {
        var scripts = ShellScripts(TestPaths.RepositoryRoot).ToList();
        var run = await ScriptRun.RunAsync("shellcheck", ["-x", .. scripts], timeout: TimeSpan.FromMinutes(2));

        Assert.Contains("build/package.sh", scripts.Select(Relative));
        Assert.Contains(".ci/run", scripts.Select(Relative));
        Assert.Contains("unraid-plugin/source/scripts/rc.unraid-management-agent", scripts.Select(Relative));
        Assert.True(run.ExitCode == 0, run.Output);
    }

    private static string Relative(string path) => Path.GetRelativePath(TestPaths.RepositoryRoot, path).Replace('\\', '/');

    // A shell script is a *.sh file or any file whose first line names sh or bash.
    private static IEnumerable<string> ShellScripts(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (file.EndsWith(".sh", StringComparison.Ordinal) || HasShellShebang(file))
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            if (s_skippedFolders.Contains(Path.GetFileName(child)))
            {
                continue;
            }

            foreach (var file in ShellScripts(child))
            {
                yield return file;
            }
        }
    }

    private static bool HasShellShebang(string file)
    {
        using var reader = new StreamReader(file);
        var first = new char[40];
        var length = reader.ReadBlock(first, 0, first.Length);
        var line = new string(first, 0, length).Split('\n')[0];
        return line.StartsWith("#!", StringComparison.Ordinal)
            && (line.EndsWith("/sh", StringComparison.Ordinal) || line.EndsWith("bash", StringComparison.Ordinal));
    }
}
