using System.Diagnostics;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

/// <summary>Runs one of the daemons' tools (upsdrvctl, upsd, upsrw) to its end, bounded by a timeout.</summary>
internal static class ToolRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WithTimeout();
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output.WithTimeout() + await error.WithTimeout());
    }

    /// <summary>
    /// Ends a process this test run started, by its id, with the children it forked (apcupsd forks one that would
    /// otherwise outlive it), and waits for it to go.
    /// </summary>
    public static void Stop(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
            // Exited between the lookup and the kill.
        }
    }
}
