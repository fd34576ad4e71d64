using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>
/// Decides whether a browser may open a socket: no <c>Origin</c> header (not a browser) and the agent's own origin
/// pass, any other origin only when it is listed in <see cref="OriginOptions.AllowedOrigins"/>.
/// </summary>
internal sealed class OriginPolicy
{
    private readonly HashSet<string> _allowed;

    public OriginPolicy(IOptions<OriginOptions> options)
    {
        _allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var origin in options.Value.AllowedOrigins)
        {
            if (Normalize(origin) is { } normalized)
            {
                _allowed.Add(normalized);
            }
        }
    }

    /// <summary>Whether a request with <paramref name="origin"/> to <paramref name="host"/> over <paramref name="scheme"/> passes.</summary>
    public bool IsAllowed(string? origin, HostString host, string scheme)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }

        var normalized = Normalize(origin);
        if (normalized is null)
        {
            return false;
        }

        return _allowed.Contains(normalized) || IsSameOrigin(normalized, host, scheme);
    }

    /// <summary><c>scheme://host:port</c> in lower case with the port spelled out, or null when it is no http(s) origin.</summary>
    public static string? Normalize(string origin)
    {
        if (!Uri.TryCreate(origin.TrimEnd('/'), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath is not ("/" or "")
            || uri.Query.Length > 0
            || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.IdnHost;
        return $"{uri.Scheme}://{host}:{uri.Port}".ToLowerInvariant();
    }

    // Same origin compares host and port with the request's Host header; the scheme is the listener's own.
    private static bool IsSameOrigin(string normalizedOrigin, HostString host, string scheme)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var port = host.Port ?? (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        var hostName = host.Host.Trim('[', ']');
        var originHost = normalizedOrigin[(normalizedOrigin.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var expected = hostName.Contains(':', StringComparison.Ordinal) ? $"[{hostName}]:{port}" : $"{hostName}:{port}";
        return string.Equals(originHost, expected, StringComparison.OrdinalIgnoreCase);
    }
}
