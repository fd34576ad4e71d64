using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// Publishes <c>network_list_update</c>: every interface of <c>&lt;Sys&gt;/class/net</c> but <c>lo</c>, with rates
/// from the previous collection. First IPv4 addresses come from the operating system only when the collector reads
/// the real <c>/sys</c> (see <see cref="OsInterfaceAddresses"/>); with a fixture tree they stay empty, while IPv6
/// addresses always come from <c>&lt;Proc&gt;/net/if_inet6</c>.
/// </summary>
internal sealed class NetworkCollector : PollingCollector
{
    private const string RealSysRoot = "/sys";

    private readonly TimeSpan _interval;
    private readonly string _classFolder;
    private readonly NetworkInterfaceReader _reader;
    private readonly NetworkRateTracker _rates = new();
    private HashSet<string> _known = new(StringComparer.Ordinal);
    private bool _wasMissing;

    public NetworkCollector(CollectorContext context, IOptions<IntervalsOptions> intervals, IOptions<SourcePathsOptions> paths)
        : base("network", context.Health.Get(TopicCatalog.Groups.Network), context)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(paths);
        var sys = paths.Value.Sys;
        _interval = IntervalsOptions.ToInterval(intervals.Value.Network);
        _classFolder = Path.Combine(sys, "class", "net");
        _reader = new NetworkInterfaceReader(sys, paths.Value.Proc, IsRealSys(sys));
    }

    /// <inheritdoc/>
    protected override TimeSpan Interval => _interval;

    /// <summary>One collection outside the loop, so tests can take two samples without waiting for an interval.</summary>
    internal Task CollectNowAsync(CancellationToken cancellationToken) => CollectAsync(cancellationToken);

    /// <inheritdoc/>
    protected override async Task CollectAsync(CancellationToken cancellationToken)
    {
        var scan = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!scan.IsPresent)
        {
            if (!_wasMissing)
            {
                SysfsLog.NetworkClassMissing(Logger, _classFolder);
                _wasMissing = true;
            }

            Health.ReportUnavailable($"{_classFolder} is missing");
            return;
        }

        _wasMissing = false;
        LogMembershipChanges(scan.Interfaces);
        var at = Time.GetElapsedTime(0, Time.GetTimestamp());
        var payload = _rates.Update(scan.Interfaces, at, Time.GetLocalNow());
        Publisher.Publish(TopicCatalog.NetworkListUpdate, payload);
        Health.ReportHealthy();
    }

    internal static bool IsRealSys(string sys) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(sys)), RealSysRoot, StringComparison.Ordinal);

    private void LogMembershipChanges(IReadOnlyList<NetworkInterfaceSample> interfaces)
    {
        var current = interfaces.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in current.Where(name => !_known.Contains(name)))
        {
            SysfsLog.InterfaceAppeared(Logger, name);
        }

        foreach (var name in _known.Where(name => !current.Contains(name)))
        {
            SysfsLog.InterfaceVanished(Logger, name);
        }

        _known = current;
    }
}
