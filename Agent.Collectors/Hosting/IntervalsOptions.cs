using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Hosting;

/// <summary>
/// Seconds between two collections of each collector (<c>Agent:Intervals:*</c>); 0 disables it. Configuration is in
/// whole seconds because that is what users and the Go agent's settings write; code reads them as <see cref="TimeSpan"/>.
/// </summary>
public sealed class IntervalsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Intervals";

    private const int MaxSeconds = 86_400;

    /// <summary>Seconds between <c>system_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int System { get; set; } = 15;

    /// <summary>Seconds between <c>array_status_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Array { get; set; } = 60;

    /// <summary>Seconds between <c>disk_list_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Disks { get; set; } = 300;

    /// <summary>Seconds between <c>share_list_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Shares { get; set; } = 60;

    /// <summary>Seconds between <c>ups_status_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Ups { get; set; } = 60;

    /// <summary>Seconds between <c>gpu_metrics_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Gpu { get; set; } = 60;

    /// <summary>Seconds between <c>network_list_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Network { get; set; } = 60;

    /// <summary>Seconds between <c>container_list_update</c> collections.</summary>
    [Range(0, MaxSeconds)]
    public int Containers { get; set; } = 30;

    /// <summary>Converts a setting in seconds to the interval it means.</summary>
    public static TimeSpan ToInterval(int seconds) => TimeSpan.FromSeconds(seconds);
}

/// <summary>Validates <see cref="IntervalsOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class IntervalsOptionsValidator : IValidateOptions<IntervalsOptions>;
