using System.Globalization;
using System.Net;

namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/proc/net/if_inet6</c>: one IPv6 address a line, <c>fe80000000000000020000fffe000001 02 40 20 80 eth0</c>
/// (32 hex digits, interface index, prefix length, scope, flags, name; see <c>net/ipv6/addrconf.c</c>). The
/// addresses of each interface keep the kernel's order.
/// </summary>
internal static class IfInet6Parser
{
    private const int HexDigits = 32;

    public static Dictionary<string, List<string>> Parse(ReadOnlySpan<char> text)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Span<byte> bytes = stackalloc byte[HexDigits / 2];
        foreach (var line in text.EnumerateLines())
        {
            var rest = line;
            var hex = ProcText.NextField(ref rest);
            for (var i = 0; i < 4; i++)
            {
                ProcText.NextField(ref rest);
            }

            var name = ProcText.NextField(ref rest);
            if (hex.Length != HexDigits || name.IsEmpty || !TryParseHex(hex, bytes))
            {
                continue;
            }

            var key = name.ToString();
            if (!result.TryGetValue(key, out var addresses))
            {
                addresses = [];
                result[key] = addresses;
            }

            addresses.Add(new IPAddress(bytes).ToString());
        }

        return result;
    }

    private static bool TryParseHex(ReadOnlySpan<char> hex, Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (!byte.TryParse(hex.Slice(i * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        return true;
    }
}
