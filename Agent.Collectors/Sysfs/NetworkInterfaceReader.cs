using Agent.Collectors.Proc;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// Reads every interface of <c>&lt;Sys&gt;/class/net</c> except <c>lo</c> (see
/// <c>Documentation/ABI/testing/sysfs-class-net</c>), with IPv6 addresses from <c>&lt;Proc&gt;/net/if_inet6</c>
/// and counters from <c>statistics/</c>, or from <c>&lt;Proc&gt;/net/dev</c> for interfaces that have none.
/// </summary>
internal sealed class NetworkInterfaceReader(string sysRoot, string procRoot, bool readOsAddresses)
{
    private const string Loopback = "lo";

    private readonly string _classFolder = Path.Combine(sysRoot, "class", "net");

    public async Task<NetworkScan> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_classFolder))
        {
            return new NetworkScan(false, []);
        }

        var netDev = await ReadProcAsync(Path.Combine(procRoot, "net", "dev"), text => NetDevParser.Parse(text), cancellationToken)
            .ConfigureAwait(false);
        var inet6 = await ReadProcAsync(Path.Combine(procRoot, "net", "if_inet6"), text => IfInet6Parser.Parse(text), cancellationToken)
            .ConfigureAwait(false);
        var ipv4 = readOsAddresses ? OsInterfaceAddresses.FirstIpv4ByName() : [];

        var interfaces = new List<NetworkInterfaceSample>();
        var folders = Directory.EnumerateDirectories(_classFolder).Order(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var name = Path.GetFileName(folder);
            if (name == Loopback)
            {
                continue;
            }

            interfaces.Add(await ReadInterfaceAsync(folder, name, netDev, cancellationToken).ConfigureAwait(false) with
            {
                IpAddress = ipv4.GetValueOrDefault(name, ""),
                Ipv6Addresses = inet6?.GetValueOrDefault(name) is { } addresses ? addresses : [],
            });
        }

        return new NetworkScan(true, interfaces);
    }

    private static async Task<NetworkInterfaceSample> ReadInterfaceAsync(
        string folder,
        string name,
        Dictionary<string, NetDevCounters>? netDev,
        CancellationToken cancellationToken)
    {
        var mac = await ReadTrimmedAsync(folder, "address", cancellationToken).ConfigureAwait(false);
        var state = await ReadTrimmedAsync(folder, "operstate", cancellationToken).ConfigureAwait(false);
        var mtu = await ReadNumberAsync(folder, "mtu", cancellationToken).ConfigureAwait(false);
        var speed = await ReadNumberAsync(folder, "speed", cancellationToken).ConfigureAwait(false);
        var counters = await ReadStatisticsAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? netDev?.GetValueOrDefault(name) ?? default;

        return new NetworkInterfaceSample(
            name,
            mac.ToLowerInvariant(),
            state is { Length: > 0 } ? state : "unknown",
            mtu is > 0 and <= int.MaxValue ? (int)mtu.Value : 0,
            speed is > 0 ? speed.Value : -1,
            counters,
            "",
            []);
    }

    private static async Task<T?> ReadProcAsync<T>(string path, Func<string, T> parse, CancellationToken cancellationToken)
        where T : class
    {
        var text = await SourceFiles.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return text is null ? null : parse(text);
    }

    private static async Task<NetDevCounters?> ReadStatisticsAsync(string folder, CancellationToken cancellationToken)
    {
        var statistics = Path.Combine(folder, "statistics");
        if (!Directory.Exists(statistics))
        {
            return null;
        }

        var values = new ulong[6];
        string[] names = ["rx_bytes", "rx_packets", "rx_errors", "tx_bytes", "tx_packets", "tx_errors"];
        for (var i = 0; i < names.Length; i++)
        {
            var text = await SourceFiles.ReadTextAsync(Path.Combine(statistics, names[i]), cancellationToken).ConfigureAwait(false);
            if (text is null || !ProcText.TryParseCounter(text, out values[i]))
            {
                return null;
            }
        }

        return new NetDevCounters(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    private static async Task<string> ReadTrimmedAsync(string folder, string file, CancellationToken cancellationToken) =>
        (await SourceFiles.ReadTextAsync(Path.Combine(folder, file), cancellationToken).ConfigureAwait(false))?.Trim() ?? "";

    // A link that is down answers EINVAL for speed; fixtures stand for that with an empty file. Both read as null.
    private static async Task<long?> ReadNumberAsync(string folder, string file, CancellationToken cancellationToken) =>
        ProcText.TryParseLong(await ReadTrimmedAsync(folder, file, cancellationToken).ConfigureAwait(false), out var value) ? value : null;
}
