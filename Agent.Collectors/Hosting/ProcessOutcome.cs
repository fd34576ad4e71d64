namespace Agent.Collectors.Hosting;

/// <summary>How a run of an external tool ended.</summary>
public enum ProcessOutcome
{
    /// <summary>The tool exited by itself; see <see cref="ProcessResult.ExitCode"/>.</summary>
    Exited,

    /// <summary>The tool ran past its timeout and its process tree was killed.</summary>
    TimedOut,

    /// <summary>The tool printed more than the cap and its process tree was killed.</summary>
    OutputTooLarge,

    /// <summary>The tool could not be started (missing, not executable).</summary>
    FailedToStart,
}
