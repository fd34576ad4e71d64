namespace Agent.Collectors.Hosting;

/// <summary>
/// Runs an external tool once: with a timeout linked to the caller's token, a cap on the size of its output, and the
/// whole process tree killed when either is exceeded. Tests substitute it, or point it at small scripts.
/// </summary>
public interface IProcessRunner
{
    /// <summary>
    /// Starts <see cref="ProcessRequest.FileName"/> and returns what it printed once it exits or is stopped. Expected
    /// failures (the tool is missing, hangs, exits non-zero, prints too much) are results, not exceptions; only the
    /// caller's own cancellation throws.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken);
}
