namespace Agent.Collectors.Hosting;

/// <summary>What one run of an external tool gave.</summary>
public sealed record ProcessResult
{
    /// <summary>How the run ended.</summary>
    public required ProcessOutcome Outcome { get; init; }

    /// <summary>The exit status when <see cref="Outcome"/> is <see cref="ProcessOutcome.Exited"/>; otherwise null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output as UTF-8 text, up to the cap; what was printed before a kill is kept.</summary>
    public string StandardOutput { get; init; } = "";

    /// <summary>The start of standard error, for diagnostics.</summary>
    public string StandardError { get; init; } = "";

    /// <summary>Why the tool could not be started, when it could not.</summary>
    public string StartError { get; init; } = "";

    /// <summary>How long the run took, kill included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Whether the tool exited by itself with status 0.</summary>
    public bool Succeeded => Outcome == ProcessOutcome.Exited && ExitCode == 0;

    /// <summary>A short sentence fragment that says how a failed run ended, for health reasons and logs.</summary>
    public string Describe() => Outcome switch
    {
        ProcessOutcome.Exited => $"exited with status {ExitCode}",
        ProcessOutcome.TimedOut => $"did not finish in time and was killed after {Elapsed.TotalSeconds:0.0} s",
        ProcessOutcome.OutputTooLarge => "printed more output than allowed and was killed",
        ProcessOutcome.FailedToStart => $"could not be started ({StartError})",
        _ => Outcome.ToString(),
    };
}
