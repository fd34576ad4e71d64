namespace Agent.Collectors.UnraidIni;

/// <summary>
/// The open problem of each emhttp collector. The three share one <c>array</c> health; reporting the union, rather than
/// each collector's own verdict, keeps one failing file from flipping that health on every poll of the other two.
/// </summary>
internal sealed class EmhttpProblems
{
    // Guards _problems: the three collector loops update it concurrently.
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, string> _problems = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the outcome of <paramref name="collector"/>'s last run and reports every open problem (or none) to
    /// <paramref name="health"/>. The report is made under the lock, so two collectors finishing at once cannot leave
    /// the health with the older verdict.
    /// </summary>
    public void Report(string collector, string? problem, Hosting.SourceHealth health)
    {
        lock (_gate)
        {
            if (problem is null)
            {
                _problems.Remove(collector);
            }
            else
            {
                _problems[collector] = problem;
            }

            if (_problems.Count == 0)
            {
                health.ReportHealthy();
            }
            else
            {
                health.ReportDegraded(string.Join("; ", _problems.Values));
            }
        }
    }
}
