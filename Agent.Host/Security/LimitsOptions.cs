using System.ComponentModel.DataAnnotations;

namespace Agent.Host.Security;

/// <summary>Kestrel's limits (<c>Agent:Limits:*</c>); the defaults suit an API that takes no big bodies.</summary>
public sealed class LimitsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Limits";

    /// <summary>Seconds a client has to send a request's headers before the connection is closed.</summary>
    [Range(1, 600)]
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds an idle keep-alive connection stays open.</summary>
    [Range(1, 3600)]
    public int KeepAliveTimeoutSeconds { get; set; } = 60;

    /// <summary>The largest request body: a hub message sent by long polling (64 KiB) with room for its framing.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 128 * 1024;

    /// <summary>The largest total size of a request's headers.</summary>
    [Range(4096, 1024 * 1024)]
    public int MaxRequestHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Upgraded connections Kestrel accepts beyond <c>Agent:MaxClients</c>, a hard ceiling that holds even if the cap had
    /// a bug. The hub refuses a connection over the cap only after its upgrade (with the cap error of PROTOCOL.md §6),
    /// so a reconnect storm briefly holds upgraded connections above the cap: 16 made 200 clients at once fail with
    /// Kestrel's refusal instead of the cap's readable one; 256 keeps that readable while staying a small bound. Sockets
    /// served below the HTTP server are not upgrades in Kestrel's count: raw ones are bounded by the cap alone, hub ones
    /// by the same ceiling, counted apart.
    /// </summary>
    [Range(0, 10_000)]
    public int UpgradeHeadroom { get; set; } = 256;

    /// <summary><see cref="RequestHeadersTimeoutSeconds"/> as a duration.</summary>
    public TimeSpan RequestHeadersTimeout => TimeSpan.FromSeconds(RequestHeadersTimeoutSeconds);

    /// <summary><see cref="KeepAliveTimeoutSeconds"/> as a duration.</summary>
    public TimeSpan KeepAliveTimeout => TimeSpan.FromSeconds(KeepAliveTimeoutSeconds);
}
