using System.Diagnostics;

namespace Agent.Bench.Runner;

/// <summary>Installs the Node reference's one package from its lockfile, once.</summary>
internal static class NodeReference
{
    public static async Task EnsureInstalledAsync(string repo)
    {
        var folder = Path.Combine(repo, "bench", "reference-ws");
        if (File.Exists(Path.Combine(folder, "node_modules", "ws", "package.json")))
        {
            return;
        }

        Console.WriteLine("bench: npm ci in bench/reference-ws");
        var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = folder, UseShellExecute = false };
        using var npm = Process.Start(info)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await npm.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} exited with {npm.ExitCode}.");
        }
    }
}
