using System.ComponentModel.DataAnnotations;

namespace Agent.Collectors.Docker;

/// <summary>How the agent reaches the Docker Engine (<c>Agent:Docker:*</c>).</summary>
public sealed class DockerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Docker";

    /// <summary>The Engine API endpoint, a <c>unix://</c> socket address.</summary>
    [Required]
    public string Endpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>Seconds that stop and restart give a container before the daemon kills it.</summary>
    [Range(0, 3600)]
    public int StopGracePeriodSeconds { get; set; } = 10;

    /// <summary>How many containers' inspect and stats calls run at once within one poll.</summary>
    [Range(1, 64)]
    public int StatsConcurrency { get; set; } = 8;

    /// <summary>The grace period of stop and restart.</summary>
    public TimeSpan StopGracePeriod => TimeSpan.FromSeconds(StopGracePeriodSeconds);
}
