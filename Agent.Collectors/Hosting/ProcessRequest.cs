namespace Agent.Collectors.Hosting;

/// <summary>One run of an external tool.</summary>
/// <param name="FileName">The executable, as an absolute path.</param>
/// <param name="Arguments">Arguments, each passed as one argv entry without any shell.</param>
/// <param name="Timeout">How long the tool may run before its process tree is killed.</param>
/// <param name="MaxOutputBytes">Standard output beyond this many bytes kills the tool and ends the run.</param>
public sealed record ProcessRequest(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout, int MaxOutputBytes)
{
    /// <summary>Standard error kept for diagnostics, at most; the rest is read and dropped.</summary>
    public int MaxErrorBytes { get; init; } = 4096;
}
