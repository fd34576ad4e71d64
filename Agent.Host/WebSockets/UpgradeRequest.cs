using System.Buffers;
using System.Text;

namespace Agent.Host.WebSockets;

/// <summary>
/// The first request of a connection read as a WebSocket upgrade the agent serves below its HTTP server, when it is
/// exactly that: <c>GET</c> of <c>/api/v1/ws</c> (the raw socket) or <c>/hubs/agent</c> (the hub) over HTTP/1.1, the
/// four handshake headers valid, no body, nothing unusual. Anything else is <see cref="UpgradeParse.NotTaken"/> and goes
/// to the HTTP server, which answers it, refusals and errors included.
/// </summary>
internal sealed class UpgradeRequest
{
    // Kestrel's defaults, which the agent keeps: beyond them the HTTP server answers 414 or 431.
    private const int MaxRequestLineBytes = 8 * 1024;
    private const int MaxHeaderCount = 100;

    private static readonly SearchValues<byte> s_tokenCharacters =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // A registered name or an IPv4 address; an IPv6 literal in brackets is checked with its own set.
    private static readonly SearchValues<byte> s_nameCharacters =
        SearchValues.Create("-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private static readonly SearchValues<byte> s_ipv6Characters = SearchValues.Create(".:0123456789ABCDEFabcdef"u8);

    // What each route's request line starts with; the byte after it is a space or '?'.
    private static ReadOnlySpan<byte> RawPrefix => "GET /api/v1/ws"u8;

    private static ReadOnlySpan<byte> HubPrefix => "GET /hubs/agent"u8;

    private static ReadOnlySpan<byte> Version => " HTTP/1.1\r\n"u8;

    private static ReadOnlySpan<byte> HeadersEnd => "\r\n\r\n"u8;

    private UpgradeRequest(UpgradeRoute route, string query, string host, string key)
    {
        Route = route;
        Query = query;
        Host = host;
        Key = key;
    }

    /// <summary>Which socket the request opens.</summary>
    public UpgradeRoute Route { get; }

    /// <summary>The query string with its <c>?</c>, or empty.</summary>
    public string Query { get; }

    /// <summary>The <c>Host</c> header.</summary>
    public string Host { get; }

    /// <summary>The <c>Sec-WebSocket-Key</c> header: base64 of 16 bytes.</summary>
    public string Key { get; }

    /// <summary>The <c>Origin</c> header, when the client is a browser.</summary>
    public string? Origin { get; private set; }

    /// <summary>The <c>Authorization</c> header, if any.</summary>
    public string? Authorization { get; private set; }

    /// <summary>Whether <paramref name="start"/>, the first bytes of a connection, can still begin an upgrade served here.</summary>
    public static bool CanStart(ReadOnlySpan<byte> start) => Begins(start, RawPrefix) || Begins(start, HubPrefix);

    private static bool Begins(ReadOnlySpan<byte> start, ReadOnlySpan<byte> prefix)
    {
        var length = Math.Min(start.Length, prefix.Length);
        return start[..length].SequenceEqual(prefix[..length]);
    }

    /// <summary>
    /// Reads <paramref name="data"/> as the request; <paramref name="length"/> is then the byte count of the request
    /// line and headers, blank line included.
    /// </summary>
    public static UpgradeParse TryParse(ReadOnlySpan<byte> data, out UpgradeRequest? request, out int length)
    {
        request = null;
        length = data.IndexOf(HeadersEnd);
        if (length < 0)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            var lineTooLong = (lineEnd < 0 ? data.Length : lineEnd + 2) > MaxRequestLineBytes;
            return CanStart(data) && !HasBareLineFeed(data) && !lineTooLong ? UpgradeParse.Incomplete : UpgradeParse.NotTaken;
        }

        length += HeadersEnd.Length;
        var requestLine = data.IndexOf("\r\n"u8) + 2;
        if (requestLine > MaxRequestLineBytes || !TryReadTarget(data[..requestLine], out var route, out var query))
        {
            return UpgradeParse.NotTaken;
        }

        var headers = new HandshakeHeaders();
        if (!headers.TryRead(data[requestLine..(length - 2)]) || !headers.IsUpgrade())
        {
            return UpgradeParse.NotTaken;
        }

        request = new UpgradeRequest(route, query, headers.Host!, headers.Key!)
        {
            Origin = headers.Origin,
            Authorization = headers.Authorization,
        };
        return UpgradeParse.Parsed;
    }

    // Lines end in CRLF here; a request that ends them in LF alone would never show the blank line this reader waits for.
    private static bool HasBareLineFeed(ReadOnlySpan<byte> data)
    {
        for (var at = data.IndexOf((byte)'\n'); at >= 0; at = data.IndexOf((byte)'\n'))
        {
            if (at == 0 || data[at - 1] != (byte)'\r')
            {
                return true;
            }

            data = data[(at + 1)..];
        }

        return false;
    }

    // "GET /api/v1/ws[?query] HTTP/1.1\r\n", or the hub's path: the path exactly, a query of visible ASCII, nothing else.
    private static bool TryReadTarget(ReadOnlySpan<byte> line, out UpgradeRoute route, out string query)
    {
        query = string.Empty;
        route = line.StartsWith(HubPrefix) ? UpgradeRoute.Hub : UpgradeRoute.RawSocket;
        var prefix = route == UpgradeRoute.Hub ? HubPrefix : RawPrefix;
        if (!line.StartsWith(prefix) || !line.EndsWith(Version))
        {
            return false;
        }

        var rest = line[prefix.Length..^Version.Length];
        if (rest.IsEmpty)
        {
            return true;
        }

        if (rest[0] != (byte)'?' || rest.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0 || rest.Contains((byte)'#'))
        {
            return false;
        }

        query = Encoding.ASCII.GetString(rest);
        return true;
    }

    /// <summary>The headers the handshake reads; the others are checked for form and skipped.</summary>
    private struct HandshakeHeaders
    {
        public string? Host;
        public string? Key;
        public string? Origin;
        public string? Authorization;
        private bool _upgrade;
        private bool _connectionUpgrade;
        private bool _version13;
        private bool _contentLength;
        private bool _unusual;

        public bool TryRead(ReadOnlySpan<byte> block)
        {
            for (var count = 1; !block.IsEmpty; count++)
            {
                var end = block.IndexOf("\r\n"u8);
                if (end <= 0 || count > MaxHeaderCount || !TryReadLine(block[..end]))
                {
                    return false;
                }

                block = block[(end + 2)..];
            }

            return !_unusual;
        }

        public readonly bool IsUpgrade() =>
            _upgrade && _connectionUpgrade && _version13 && Host is { Length: > 0 } && Key is not null && IsValidKey(Key);

        // name ":" OWS value OWS. A folded line, a control or non-ASCII byte, or a name that is no token goes to HTTP.
        private bool TryReadLine(ReadOnlySpan<byte> line)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]))
            {
                return false;
            }

            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) >= 0)
            {
                return false;
            }

            Take(line[..colon], value);
            return true;
        }

        private void Take(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
        {
            if (Is(name, "host"))
            {
                _unusual |= Host is not null || !IsAuthority(value);
                Host = Encoding.ASCII.GetString(value);
            }
            else if (Is(name, "sec-websocket-key"))
            {
                _unusual |= Key is not null;
                Key = Encoding.ASCII.GetString(value);
            }
            else if (Is(name, "sec-websocket-version"))
            {
                _unusual |= _version13;
                _version13 = value.SequenceEqual("13"u8);
            }
            else if (Is(name, "upgrade"))
            {
                _upgrade |= HasToken(value, "websocket"u8);
            }
            else if (Is(name, "connection"))
            {
                _connectionUpgrade |= HasToken(value, "upgrade"u8);
            }
            else if (Is(name, "origin"))
            {
                _unusual |= Origin is not null;
                Origin = Encoding.ASCII.GetString(value);
            }
            else if (Is(name, "authorization"))
            {
                _unusual |= Authorization is not null;
                Authorization = Encoding.ASCII.GetString(value);
            }
            else if (Is(name, "content-length"))
            {
                // A body on an upgrade request, or a length given twice: the HTTP server has the rules for that.
                _unusual |= _contentLength || !value.SequenceEqual("0"u8);
                _contentLength = true;
            }
            else if (Is(name, "transfer-encoding"))
            {
                _unusual = true;
            }
        }

        private static bool Is(ReadOnlySpan<byte> name, string expected) =>
            Ascii.EqualsIgnoreCase(name, expected);

        // A comma-separated list holding the token, any case, as Connection: keep-alive, Upgrade does.
        private static bool HasToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
        {
            foreach (var range in list.Split((byte)','))
            {
                if (Ascii.EqualsIgnoreCase(list[range].Trim(" \t"u8), token))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsToken(ReadOnlySpan<byte> name) =>
            name.IndexOfAnyExcept(s_tokenCharacters) < 0;

        // host [":" port]: a name or IPv4 address, or an IPv6 literal in brackets; the port, when there is a colon, is
        // one to five digits. Anything looser goes to the HTTP server, which has the full rules.
        private static bool IsAuthority(ReadOnlySpan<byte> value)
        {
            ReadOnlySpan<byte> host;
            ReadOnlySpan<byte> rest;
            if (value.StartsWith("["u8))
            {
                var close = value.IndexOf((byte)']');
                if (close < 2 || value[1..close].IndexOfAnyExcept(s_ipv6Characters) >= 0)
                {
                    return false;
                }

                host = value[..(close + 1)];
                rest = value[(close + 1)..];
            }
            else
            {
                var colon = value.IndexOf((byte)':');
                host = colon < 0 ? value : value[..colon];
                rest = colon < 0 ? [] : value[colon..];
                if (host.IsEmpty || host.IndexOfAnyExcept(s_nameCharacters) >= 0)
                {
                    return false;
                }
            }

            var port = rest.IsEmpty ? rest : rest[1..];
            return rest.IsEmpty || (rest[0] == (byte)':' && port.Length is > 0 and <= 5 && port.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0);
        }

        private static bool IsValidKey(string key)
        {
            Span<byte> decoded = stackalloc byte[18];
            return key.Length == 24 && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
        }
    }
}
