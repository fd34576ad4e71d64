using System.Text.Json;
using Agent.Contracts.Serialization;

namespace Agent.LoadTest;

/// <summary>The tool's entry: parses the command line, runs a load or soak run, prints and writes its report.</summary>
internal static class LoadTestApp
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Unusable = 2;

    /// <summary>Runs the tool; <paramref name="onStarted"/> receives the run before it starts (tests drive it).</summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter progress,
        bool progressIsTerminal,
        Action<object>? onStarted,
        CancellationToken cancellationToken)
    {
        var options = LoadTestOptionsParser.Parse(args, out var error);
        if (options is null)
        {
            await progress.WriteLineAsync($"agent-loadtest: {error}\n{LoadTestOptionsParser.Usage}").ConfigureAwait(false);
            return Unusable;
        }

        var line = new ProgressLine(progress, progressIsTerminal);
        try
        {
            return options.Soak
                ? await SoakAsync(options, line, output, onStarted, cancellationToken).ConfigureAwait(false)
                : await LoadAsync(options, line, output, onStarted, cancellationToken).ConfigureAwait(false);
        }
        catch (LoadTestException ex)
        {
            await progress.WriteLineAsync($"agent-loadtest: {ex.Message}").ConfigureAwait(false);
            return Unusable;
        }
    }

    private static async Task<int> LoadAsync(
        LoadTestOptions options,
        ProgressLine line,
        TextWriter output,
        Action<object>? onStarted,
        CancellationToken cancellationToken)
    {
        var run = new LoadRun(options, line);
        onStarted?.Invoke(run);
        var report = await run.RunAsync(cancellationToken).ConfigureAwait(false);
        LoadReportWriter.Write(output, report);
        await WriteJsonAsync(options.OutputPath, report, cancellationToken).ConfigureAwait(false);
        return report.Passed ? Passed : Failed;
    }

    private static async Task<int> SoakAsync(
        LoadTestOptions options,
        ProgressLine line,
        TextWriter output,
        Action<object>? onStarted,
        CancellationToken cancellationToken)
    {
        var run = new SoakRun(options, line);
        onStarted?.Invoke(run);
        var report = await run.RunAsync(cancellationToken).ConfigureAwait(false);
        SoakReportWriter.Write(output, report);
        await WriteJsonAsync(options.OutputPath, report, cancellationToken).ConfigureAwait(false);
        return report.Passed ? Passed : Failed;
    }

    private static async Task WriteJsonAsync<T>(string? path, T report, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return;
        }

        var options = new JsonSerializerOptions(AgentJson.Options) { WriteIndented = true };
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, report, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
