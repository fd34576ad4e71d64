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

    /// <summary>
    /// When set, a tool that reaches its timeout first gets SIGTERM and this long to exit by itself (and flush what it
    /// buffered) before its tree is killed. For tools that are meant to be stopped, such as <c>intel_gpu_top</c>.
    /// </summary>
    public TimeSpan? StopGrace { get; init; }
}
