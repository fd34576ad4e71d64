using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Hosting;

/// <summary>
/// Where the collectors read their sources (<c>Agent:Paths:*</c>). Tests point these at fixture trees, so no
/// collector names <c>/proc</c> or <c>/sys</c> itself.
/// </summary>
public sealed class SourcePathsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Paths";

    /// <summary>The procfs mount.</summary>
    [Required]
    public string Proc { get; set; } = "/proc";

    /// <summary>The sysfs mount.</summary>
    [Required]
    public string Sys { get; set; } = "/sys";

    /// <summary>The folder of emhttp's state files.</summary>
    [Required]
    public string Emhttp { get; set; } = "/var/local/emhttp";

    /// <summary>The mount of the user shares, measured with statfs for the array's capacity.</summary>
    [Required]
    public string UserShares { get; set; } = "/mnt/user";

    /// <summary>The file that holds the Unraid version.</summary>
    [Required]
    public string UnraidVersion { get; set; } = "/etc/unraid-version";

    /// <summary>The device folder. No collector opens anything here; it is configurable so tests can prove that.</summary>
    [Required]
    public string Dev { get; set; } = "/dev";

    /// <summary>A path under <see cref="Proc"/>.</summary>
    public string ProcPath(string relative) => Path.Combine(Proc, relative);

    /// <summary>A path under <see cref="Sys"/>.</summary>
    public string SysPath(string relative) => Path.Combine(Sys, relative);
}

/// <summary>Validates <see cref="SourcePathsOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class SourcePathsOptionsValidator : IValidateOptions<SourcePathsOptions>;
