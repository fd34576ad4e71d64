using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>How the emhttp files are watched and re-read (<c>Agent:Emhttp:*</c>).</summary>
internal sealed class EmhttpOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Emhttp";

    /// <summary>Quiet time after the last change event of a file before it is read, so one rewrite is one event.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Wait before reading again a file that was caught half-written.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads after the first one before a half-written file is given up until the next change or interval.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;
}

/// <summary>Validates <see cref="EmhttpOptions"/> at start-up.</summary>
[OptionsValidator]
internal sealed partial class EmhttpOptionsValidator : IValidateOptions<EmhttpOptions>;
