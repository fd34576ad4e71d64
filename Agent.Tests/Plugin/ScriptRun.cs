using System.Diagnostics;
using Agent.Tests.Support;

namespace Agent.Tests.Plugin;

/// <summary>Runs a script or tool to its end, with a bounded wait, and keeps what it printed.</summary>
public sealed record ScriptRun(int ExitCode, string Output)
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; <paramref name="environment"/> is added.</summary>
    public static async Task<ScriptRun> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        string? standardInput = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WithTimeout(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ScriptRun(process.ExitCode, await output + await error);
    }
}
