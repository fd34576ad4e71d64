using System.Reflection;
using Agent.Collectors.Hosting;
using Agent.Collectors.Sysfs;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Proc;

/// <summary>
/// Publishes <c>system_update</c> from <c>&lt;Proc&gt;</c> (stat, meminfo, cpuinfo, loadavg, uptime, hostname,
/// kernel release), <c>&lt;Sys&gt;/class/hwmon</c> and the Unraid version file. CPU usage comes from the tick
/// deltas between two collections; the first collection reports the average since boot (see
/// <see cref="CpuUsageCalculator"/>). A file that fails leaves its values at 0 and degrades the source; only when
/// neither <c>stat</c> nor <c>meminfo</c> can be read is the source unavailable and nothing published.
/// </summary>
internal sealed class SystemCollector : PollingCollector
{
    private static readonly string s_agentVersion = ReadAgentVersion();

    private readonly SourcePathsOptions _paths;
    private readonly TimeSpan _interval;
    private readonly HwmonReader _hwmon;
    private readonly CpuUsageCalculator _cpu = new();
    private readonly SourceProblems _problems = new();
    private bool? _hadHwmon;

    public SystemCollector(CollectorContext context, IOptions<IntervalsOptions> intervals, IOptions<SourcePathsOptions> paths)
        : base("system", context.Health.Get(TopicCatalog.Groups.System), context)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths.Value;
        _interval = IntervalsOptions.ToInterval(intervals.Value.System);
        _hwmon = new HwmonReader(_paths.Sys);
    }

    /// <inheritdoc/>
    protected override TimeSpan Interval => _interval;

    /// <summary>One collection outside the loop, so tests can take two samples without waiting for an interval.</summary>
    internal Task CollectNowAsync(CancellationToken cancellationToken) => CollectAsync(cancellationToken);

    /// <inheritdoc/>
    protected override async Task CollectAsync(CancellationToken cancellationToken)
    {
        var stat = await ReadRequiredAsync(_paths.ProcPath("stat"), cancellationToken).ConfigureAwait(false);
        var texts = new SystemTexts(
            await ReadRequiredAsync(_paths.ProcPath("meminfo"), cancellationToken).ConfigureAwait(false),
            await ReadRequiredAsync(_paths.ProcPath("cpuinfo"), cancellationToken).ConfigureAwait(false),
            await ReadRequiredAsync(_paths.ProcPath("loadavg"), cancellationToken).ConfigureAwait(false),
            await ReadRequiredAsync(_paths.ProcPath("uptime"), cancellationToken).ConfigureAwait(false),
            await ReadRequiredAsync(_paths.ProcPath("sys/kernel/hostname"), cancellationToken).ConfigureAwait(false),
            await ReadRequiredAsync(_paths.ProcPath("sys/kernel/osrelease"), cancellationToken).ConfigureAwait(false),
            await SourceFiles.ReadTextAsync(_paths.UnraidVersion, cancellationToken).ConfigureAwait(false));
        var sensors = await ReadSensorsAsync(cancellationToken).ConfigureAwait(false);

        CheckParsable(texts);
        var usage = _cpu.Update(stat is null ? new ProcStatSample(null, []) : CheckStat(ProcStatParser.Parse(stat)));
        var snapshot = SystemSnapshotBuilder.Build(texts, usage, sensors, s_agentVersion, Time.GetLocalNow());

        var unavailable = stat is null && texts.Meminfo is null;
        if (!unavailable)
        {
            Publisher.Publish(TopicCatalog.SystemUpdate, snapshot);
        }

        ReportHealth(unavailable);
    }

    private async Task<string?> ReadRequiredAsync(string path, CancellationToken cancellationToken)
    {
        var text = await SourceFiles.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            Problem(path, "cannot be read");
        }

        return text;
    }

    private async Task<HwmonSummary> ReadSensorsAsync(CancellationToken cancellationToken)
    {
        var scan = await _hwmon.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (_hadHwmon != scan.IsPresent)
        {
            SystemLog.HwmonPresenceChanged(Logger, _paths.SysPath("class/hwmon"), scan.IsPresent);
            _hadHwmon = scan.IsPresent;
        }

        var summary = HwmonInterpreter.Interpret(scan.Readings);
        SystemLog.SensorsRead(Logger, summary.Temperatures.Count, summary.Fans.Count, summary.DroppedReadings, scan.UnreadableInputs);
        return summary;
    }

    private void CheckParsable(SystemTexts texts)
    {
        if (texts.Loadavg is { } loadavg && !LoadavgParser.TryParse(loadavg, out _))
        {
            Problem(_paths.ProcPath("loadavg"), "no load averages");
        }

        if (texts.Uptime is { } uptime && !UptimeParser.TryParse(uptime, out _))
        {
            Problem(_paths.ProcPath("uptime"), "no uptime");
        }

        if (texts.Meminfo is { } meminfo && MeminfoParser.Parse(meminfo).TotalBytes <= 0)
        {
            Problem(_paths.ProcPath("meminfo"), "no MemTotal");
        }
    }

    private ProcStatSample CheckStat(ProcStatSample sample)
    {
        if (sample.Aggregate is null && sample.Cores.Count == 0)
        {
            Problem(_paths.ProcPath("stat"), "no cpu lines");
        }

        return sample;
    }

    private void Problem(string path, string problem)
    {
        if (_problems.Report(path, problem))
        {
            SystemLog.SystemFileUnusable(Logger, path, problem);
        }
    }

    private void ReportHealth(bool unavailable)
    {
        var reason = _problems.Describe();
        if (unavailable)
        {
            Health.ReportUnavailable(reason);
        }
        else if (reason.Length > 0)
        {
            Health.ReportDegraded(reason);
        }
        else
        {
            Health.ReportHealthy();
        }

        foreach (var path in _problems.Complete())
        {
            SystemLog.SystemFileRecovered(Logger, path);
        }
    }

    private static string ReadAgentVersion()
    {
        var version = typeof(SystemCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }
}
