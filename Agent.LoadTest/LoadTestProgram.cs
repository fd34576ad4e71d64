namespace Agent.LoadTest;

/// <summary>The process entry of <c>agent-loadtest</c>; Ctrl+C stops a run early (its checks then fail).</summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await LoadTestApp.RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected, null, cancel.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("agent-loadtest: stopped before the end of the run.").ConfigureAwait(false);
            return LoadTestApp.Failed;
        }
    }
}
