using System.ComponentModel.DataAnnotations;

namespace Agent.Host.Security;

/// <summary>The per-address REST rate limit (<c>Agent:RateLimit:*</c>), a token bucket.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:RateLimit";

    /// <summary>Requests a second one address may make on average; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int RequestsPerSecond { get; set; } = 50;

    /// <summary>Requests one address may make at once after being idle (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;

    /// <summary>Whether the limit applies at all.</summary>
    public bool IsEnabled => RequestsPerSecond > 0;
}
