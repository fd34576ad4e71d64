using System.Globalization;
using System.Net;
using Agent.Contracts.Topics;

namespace Agent.LoadTest;

/// <summary>Reads <c>agent-loadtest &lt;url&gt; &lt;clients&gt; &lt;seconds&gt; [options]</c>.</summary>
internal static class LoadTestOptionsParser
{
    public const string Usage =
        "usage: agent-loadtest <url> <clients> <seconds> [--transport raw|signalr-json|signalr-msgpack|mixed]\n" +
        "                      [--groups system,network,...] [--output results.json]\n" +
        "                      [--soak [--hold <seconds>] [--sample-every <seconds>] [--pid <agent pid>]]";

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <returns>The options, or null with <paramref name="error"/> saying what is wrong.</returns>
    public static LoadTestOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count < 3)
        {
            error = "three arguments are expected: the agent's url, the number of clients and the seconds to run";
            return null;
        }

        if (!TryParseBase(args[0], out var baseAddress, out error)
            || !TryParsePositive(args[1], "clients", out var clients, out error)
            || !TryParseSeconds(args[2], "seconds", out var duration, out error))
        {
            return null;
        }

        var options = new LoadTestOptions { BaseAddress = baseAddress!, Clients = (int)clients, Duration = duration };
        for (var i = 3; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = Apply(options, args[i], value, ref i, out error);
            if (error is not null)
            {
                return null;
            }
        }

        return options;
    }

    private static LoadTestOptions Apply(LoadTestOptions options, string name, string? value, ref int index, out string? error)
    {
        error = null;
        if (name == "--soak")
        {
            return options with { Soak = true };
        }

        if (value is null)
        {
            error = $"option '{name}' needs a value";
            return options;
        }

        index++;
        switch (name)
        {
            case "--transport":
                return ParseTransport(value, out error) is { } mode ? options with { Transport = mode } : options;
            case "--groups":
                return ParseGroups(value, out error) is { } groups ? options with { Groups = groups } : options;
            case "--output":
                return options with { OutputPath = value };
            case "--hold":
                return TryParseSeconds(value, name, out var hold, out error) ? options with { SoakHold = hold } : options;
            case "--sample-every":
                return TryParseSeconds(value, name, out var every, out error) ? options with { SampleInterval = every } : options;
            case "--pid":
                return TryParsePositive(value, name, out var pid, out error) ? options with { Pid = (int)pid } : options;
            default:
                error = $"unknown option '{name}'";
                return options;
        }
    }

    private static bool TryParseBase(string text, out Uri? address, out string? error)
    {
        address = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"'{text}' is not an http:// or https:// address";
            return false;
        }

        // The tool is a test tool for an agent on this machine; it refuses to load anything else.
        var isLoopback = uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
        if (!isLoopback)
        {
            error = $"'{uri.Host}' is not a loopback address; agent-loadtest only loads an agent on this machine";
            return false;
        }

        address = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return true;
    }

    private static bool TryParsePositive(string text, string name, out long value, out string? error)
    {
        error = null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is > 0 and <= int.MaxValue)
        {
            return true;
        }

        error = $"'{name}' must be a whole number above 0, not '{text}'";
        return false;
    }

    private static bool TryParseSeconds(string text, string name, out TimeSpan value, out string? error)
    {
        error = null;
        value = TimeSpan.Zero;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86_400 * 7)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        error = $"'{name}' must be a number of seconds above 0 and at most a week, not '{text}'";
        return false;
    }

    private static TransportMode? ParseTransport(string text, out string? error)
    {
        error = null;
        TransportMode? mode = text switch
        {
            "raw" => TransportMode.Raw,
            "signalr-json" => TransportMode.SignalrJson,
            "signalr-msgpack" => TransportMode.SignalrMessagepack,
            "mixed" => TransportMode.Mixed,
            _ => null,
        };
        if (mode is null)
        {
            error = $"unknown transport '{text}'; expected raw, signalr-json, signalr-msgpack or mixed";
        }

        return mode;
    }

    private static string[]? ParseGroups(string text, out string? error)
    {
        error = null;
        var groups = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = groups.Where(g => !TopicCatalog.IsGroup(g)).ToArray();
        if (groups.Length == 0 || unknown.Length > 0)
        {
            error = $"unknown group(s) '{string.Join(",", unknown)}'; known groups: {string.Join(", ", TopicCatalog.GroupNames)}";
            return null;
        }

        return [.. groups.Distinct(StringComparer.Ordinal)];
    }
}
