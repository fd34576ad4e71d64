using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

/// <summary>Settings of the listener and the transports (<c>Agent:*</c>).</summary>
public sealed class AgentOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent";

    /// <summary>TCP port of the one listener; 0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8043;

    /// <summary>Address to bind; empty for every interface.</summary>
    public string BindAddress { get; set; } = "";

    /// <summary>Connections allowed at once, raw sockets and hub connections together.</summary>
    [Range(1, 100_000)]
    public int MaxClients { get; set; } = 10;

    /// <summary>Bearer token required on every route but health; empty for no authentication.</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>Whether container actions are refused.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Seconds a client may accept nothing before it is closed.</summary>
    [Range(1, 3600)]
    public int WriteTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds between the raw socket's pings.</summary>
    [Range(1, 3600)]
    public int PingIntervalSeconds { get; set; } = 30;

    /// <summary>Seconds of client silence (no pong, no data) after which a raw socket is closed.</summary>
    [Range(1, 3600)]
    public int ClientTimeoutSeconds { get; set; } = 60;

    /// <summary>Inbound raw socket messages a second above which the client is closed with 1008.</summary>
    [Range(1, 100_000)]
    public int MaxInboundMessagesPerSecond { get; set; } = 100;

    /// <summary>
    /// Ping and pong frames a second a WebSocket client (raw or hub) may send; above it the socket is closed with 1008
    /// "ping flood". The socket answers pings by itself, so without this limit a flood would cost a write each, unseen.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxInboundPingsPerSecond { get; set; } = 50;

    /// <summary>Seconds a hub client may send nothing (not even its keepalive ping) before the hub drops it.</summary>
    /// <remarks>SignalR clients ping every 15 s by default; a value below that drops idle clients that are alive.</remarks>
    [Range(1, 3600)]
    public int HubClientTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds between the hub's keepalive pings to its clients.</summary>
    /// <remarks>SignalR clients give up on a server after 30 s of silence by default; keep this well below that.</remarks>
    [Range(1, 3600)]
    public int HubKeepAliveSeconds { get; set; } = 15;

    /// <summary>The bind address as an <see cref="IPAddress"/>, or <see langword="null"/> for every interface.</summary>
    public IPAddress? ParsedBindAddress => BindAddress is { Length: > 0 } text ? IPAddress.Parse(text) : null;

    /// <summary>Checks what data annotations cannot express: that the bind address parses.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BindAddress is { Length: > 0 } text && !IPAddress.TryParse(text, out _))
        {
            yield return new ValidationResult($"'{text}' is not an IP address.", [nameof(BindAddress)]);
        }
    }
}

/// <summary>Validates <see cref="AgentOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>;
