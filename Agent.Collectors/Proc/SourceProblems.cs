namespace Agent.Collectors.Proc;

/// <summary>
/// Remembers which source files failed at the last collection, so that a collector logs a failing file once when
/// it starts failing and once when it recovers, not on every poll. Used by one collector loop only.
/// </summary>
internal sealed class SourceProblems
{
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);

    /// <summary>Problems of the collection in progress, as <c>path: problem</c>.</summary>
    public IReadOnlyDictionary<string, string> Current => _current;

    /// <summary>Records a problem of the collection in progress; true when <paramref name="path"/> was fine before.</summary>
    public bool Report(string path, string problem)
    {
        _current[path] = problem;
        return !_failing.ContainsKey(path);
    }

    /// <summary>Ends a collection; returns the paths that failed last time and are fine now.</summary>
    public IReadOnlyList<string> Complete()
    {
        var recovered = _failing.Keys.Where(path => !_current.ContainsKey(path)).ToList();
        _failing.Clear();
        foreach (var (path, problem) in _current)
        {
            _failing[path] = problem;
        }

        _current.Clear();
        return recovered;
    }

    /// <summary>A one-line summary of the current problems for the source's health reason.</summary>
    public string Describe() => string.Join("; ", _current.Select(entry => $"{entry.Key}: {entry.Value}"));
}
