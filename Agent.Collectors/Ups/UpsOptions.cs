using System.ComponentModel.DataAnnotations;

namespace Agent.Collectors.Ups;

/// <summary>Which UPS daemon to ask and how (<c>Agent:Ups</c>).</summary>
public sealed class UpsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Ups";

    /// <summary><c>auto</c> (whichever daemon answers, apcupsd first), <c>apcupsd</c>, <c>nut</c> or <c>none</c>.</summary>
    [Required]
    [RegularExpression("^(?i:auto|apcupsd|nut|none)$", ErrorMessage = "Agent:Ups:Backend must be auto, apcupsd, nut or none.")]
    public string Backend { get; set; } = UpsBackends.Auto;

    /// <summary>apcupsd's network information server, <c>host:port</c>.</summary>
    [Required]
    [UpsAddress]
    public string Apcupsd { get; set; } = "127.0.0.1:3551";

    /// <summary>NUT's <c>upsd</c>, <c>host:port</c>.</summary>
    [Required]
    [UpsAddress]
    public string Nut { get; set; } = "127.0.0.1:3493";

    /// <summary>The NUT UPS whose status is the topic's payload; empty for the first one <c>upsd</c> lists.</summary>
    public string NutUps { get; set; } = "";

    /// <summary>NUT user name; empty to ask without logging in.</summary>
    public string NutUser { get; set; } = "";

    /// <summary>NUT password, sent only with <see cref="NutUser"/>.</summary>
    public string NutPassword { get; set; } = "";

    /// <summary>How long to wait for a daemon to accept the connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one whole exchange (request to last reply line) may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
