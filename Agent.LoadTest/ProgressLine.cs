namespace Agent.LoadTest;

/// <summary>The live progress line on stderr: redrawn in place on a terminal, one line a second otherwise.</summary>
internal sealed class ProgressLine(TextWriter writer, bool isTerminal)
{
    private static readonly TimeSpan s_terminalPeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_plainPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Writes <paramref name="line"/> every period until <paramref name="cancellationToken"/> stops it.</summary>
    public async Task RunAsync(Func<string> line, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(isTerminal ? s_terminalPeriod : s_plainPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Write(line());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run's deadline: the line stops with it.
        }

        if (isTerminal)
        {
            await writer.WriteLineAsync().ConfigureAwait(false);
        }
    }

    private void Write(string text)
    {
        if (isTerminal)
        {
            writer.Write("\r" + text.PadRight(100));
        }
        else
        {
            writer.WriteLine(text);
        }

        writer.Flush();
    }
}
