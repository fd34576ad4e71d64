using System.Globalization;
using System.Text.Json;
using Agent.LoadTest;
using Agent.Tests.Support;

namespace Agent.Tests.LoadTest;

/// <summary>Runs <c>agent-loadtest</c> in-process against an <see cref="AgentServer"/> and reads back its JSON report.</summary>
internal static class LoadTestHarness
{
    /// <summary>The outcome of one run: exit code, printed report, JSON report.</summary>
    public sealed record Outcome(int ExitCode, string Printed, JsonElement Report);

    /// <summary>
    /// Runs the tool with <paramref name="args"/> after the agent's url; <paramref name="whileConnected"/> runs once every
    /// client has been accepted or refused, with the run's live event count.
    /// </summary>
    public static async Task<Outcome> RunAsync(
        AgentServer server,
        IEnumerable<string> args,
        Func<Func<long>, Task>? whileConnected = null,
        TimeSpan? timeout = null)
    {
        using var folder = new TempFolder();
        var output = folder.File("report.json");
        var printed = new StringWriter(CultureInfo.InvariantCulture);
        LoadRun? run = null;
        string[] all = [server.BaseAddress.ToString(), .. args, "--output", output];
        var running = LoadTestApp.RunAsync(all, printed, TextWriter.Null, false, r => run = r as LoadRun, CancellationToken.None);
        if (whileConnected is not null && run is not null)
        {
            await run.Connected.WithTimeout(timeout);
            await whileConnected(() => run.EventsReceived);
        }

        var exitCode = await running.WithTimeout(timeout ?? TimeSpan.FromSeconds(90));
        Assert.True(File.Exists(output), $"no JSON report; exit code {exitCode}; printed:\n{printed}");
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        return new Outcome(exitCode, printed.ToString(), document.RootElement.Clone());
    }
}
