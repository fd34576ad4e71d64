using System.Globalization;

namespace Agent.Collectors.Ups;

/// <summary>A daemon's TCP address from a <c>host:port</c> setting; an IPv6 host is written in brackets.</summary>
internal readonly record struct UpsAddress(string Host, int Port)
{
    public static bool TryParse(string? text, out UpsAddress address)
    {
        address = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var host = text[..colon].Trim();
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (host.Length == 0
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        address = new UpsAddress(host, port);
        return true;
    }

    public static UpsAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not host:port; check the Agent:Ups settings.");

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
