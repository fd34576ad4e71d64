using System.Globalization;
using Agent.Contracts.Dtos.Containers;
using Docker.DotNet.Models;
using ContainerStatus = Agent.Contracts.Dtos.Containers.ContainerStatus;

namespace Agent.Collectors.Docker;

/// <summary>
/// Maps the Engine's list entry, inspect reply and stats of one container to <see cref="ContainerStatus"/>. The list
/// gives name, image, state, status text, ports and networks; the inspect reply gives what the list lacks before API
/// v1.52: health, restart count and policy, and the start time.
/// </summary>
internal static class ContainerMapper
{
    private const int ShortIdLength = 12;

    public static ContainerStatus Map(
        ContainerListResponse container,
        ContainerInspectResponse? inspect,
        ContainerUsage? usage,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(container);

        var (image, tag) = SplitImage(container.Image ?? inspect?.Config?.Image ?? "");
        var state = State(container.State, inspect?.State);
        return new ContainerStatus
        {
            Id = ShortId(container.ID),
            Name = Name(container.Names, inspect?.Name),
            Image = image,
            Version = tag,
            State = state,
            Status = container.Status is { Length: > 0 } status ? status : "unknown",
            Health = Health(inspect?.State?.Health?.Status ?? container.Health?.Status),
            CpuPercent = usage?.CpuPercent ?? 0,
            MemoryUsageBytes = usage?.MemoryUsageBytes ?? 0,
            MemoryLimitBytes = usage?.MemoryLimitBytes ?? 0,
            MemoryPercent = usage?.MemoryPercent ?? 0,
            NetworkRxBytes = usage?.NetworkRxBytes ?? 0,
            NetworkTxBytes = usage?.NetworkTxBytes ?? 0,
            NetworkRxBytesPerSec = usage?.NetworkRxBytesPerSec ?? 0,
            NetworkTxBytesPerSec = usage?.NetworkTxBytesPerSec ?? 0,
            Ports = Ports(container.Ports),
            RestartCount = (int)Math.Clamp(inspect?.RestartCount ?? 0, 0, int.MaxValue),
            RestartPolicy = RestartPolicy(inspect?.HostConfig?.RestartPolicy),
            NetworkMode = container.HostConfig?.NetworkMode ?? inspect?.HostConfig?.NetworkMode ?? "",
            IpAddress = IpAddress(container.NetworkSettings?.Networks ?? inspect?.NetworkSettings?.Networks),
            Uptime = state == "running" || state == "paused" ? Uptime(inspect?.State?.StartedAt, now) : "",
            Timestamp = now,
        };
    }

    /// <summary>The first 12 hex digits of a container id, as <c>docker ps</c> shows it.</summary>
    public static string ShortId(string? id) =>
        id is { Length: > ShortIdLength } ? id[..ShortIdLength] : id ?? "";

    /// <summary>
    /// Image name and tag. A tag is the part after the last <c>:</c> that follows the last <c>/</c> (a registry port
    /// is not a tag); a digest reference (<c>@sha256:…</c>) has the digest as its version; no tag means <c>latest</c>.
    /// An image id (<c>sha256:…</c>, shown for a container whose tag was removed) has no tag.
    /// </summary>
    public static (string Image, string Tag) SplitImage(string reference)
    {
        if (reference.Length == 0)
        {
            return ("", "");
        }

        if (reference.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return (reference, "");
        }

        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var colon = reference.LastIndexOf(':');
        var slash = reference.LastIndexOf('/');
        return colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    /// <summary>
    /// The state in lower case. <c>State.Status</c> decides: a paused or restarting container also has
    /// <c>Running: true</c>, and a captured reply shows <c>Restarting: true</c> on an exited container.
    /// </summary>
    public static string State(string? listState, State? inspected)
    {
        var text = inspected?.Status is { Length: > 0 } status ? status : listState;
        return text is { Length: > 0 } ? text.ToLowerInvariant() : "unknown";
    }

    /// <summary>The health-check verdict; <c>none</c> when the container has no check.</summary>
    public static string Health(string? status) => status?.ToLowerInvariant() switch
    {
        "healthy" => "healthy",
        "unhealthy" => "unhealthy",
        "starting" => "starting",
        _ => "none",
    };

    /// <summary>Time since <paramref name="startedAt"/> as <c>3d 4h 12m</c>, dropping leading zero units.</summary>
    public static string Uptime(string? startedAt, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(startedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            || started.Year <= 1)
        {
            return "";
        }

        var span = now - started;
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.Days > 0 ? $"{span.Days}d {span.Hours}h {span.Minutes}m"
            : span.Hours > 0 ? $"{span.Hours}h {span.Minutes}m"
            : $"{span.Minutes}m";
    }

    private static string Name(IList<string>? names, string? inspectedName)
    {
        var name = names is { Count: > 0 } ? names[0] : inspectedName ?? "";
        return name.TrimStart('/');
    }

    private static IReadOnlyList<PortMapping> Ports(IList<PortSummary>? ports)
    {
        if (ports is null)
        {
            return [];
        }

        // The daemon lists a published port once per host address family (0.0.0.0 and ::); the contract wants one row.
        return
        [
            .. ports
                .Select(p => new PortMapping
                {
                    PrivatePort = p.PrivatePort,
                    PublicPort = p.PublicPort ?? 0,
                    Type = p.Type is { Length: > 0 } type ? type : "tcp",
                })
                .Distinct()
                .OrderBy(p => p.PrivatePort)
                .ThenBy(p => p.PublicPort),
        ];
    }

    private static string RestartPolicy(RestartPolicy? policy) => policy?.Name switch
    {
        RestartPolicyKind.Always => "always",
        RestartPolicyKind.OnFailure => "on-failure",
        RestartPolicyKind.UnlessStopped => "unless-stopped",
        _ => "no",
    };

    private static string IpAddress(IDictionary<string, EndpointSettings>? networks)
    {
        if (networks is null)
        {
            return "";
        }

        return networks.Values
            .Select(n => n.IPAddress)
            .FirstOrDefault(a => a is { Length: > 0 } && System.Net.IPAddress.TryParse(a, out var ip)
                && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? "";
    }
}
