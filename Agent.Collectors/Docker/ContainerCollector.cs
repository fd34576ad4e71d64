using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ContainerStatus = Agent.Contracts.Dtos.Containers.ContainerStatus;

namespace Agent.Collectors.Docker;

/// <summary>
/// Publishes <c>container_list_update</c>: every container with its health, and stats for the running ones. Inspect
/// and stats calls of one poll run concurrently, bounded by <see cref="DockerOptions.StatsConcurrency"/>. The
/// <see cref="ContainerEventWatcher"/> wakes this collector on every container state event through
/// <see cref="RequestStateRefresh"/>: such a collection lists and inspects only, and keeps the last stats, because a
/// stats call waits for the daemon's once-a-second sampling tick (measured on Docker 20.10 even with
/// <c>one-shot</c>) and would hold a state change back by up to a second.
/// </summary>
internal sealed class ContainerCollector : PollingCollector
{
    private readonly IDockerEngine _engine;
    private readonly TimeSpan _interval;
    private readonly int _concurrency;

    // Touched only by CollectAsync, which the base loop never runs twice at once.
    private Dictionary<string, ContainerSample> _samples = new(StringComparer.Ordinal);
    private Dictionary<string, ContainerUsage> _usage = new(StringComparer.Ordinal);
    private DateTimeOffset _statsReadAt = DateTimeOffset.MinValue;
    private bool _lastDetailsFailed;

    // Set by the event watcher, read and cleared by the next collection.
    private int _stateRefreshRequested;

    public ContainerCollector(
        CollectorContext context,
        IDockerEngine engine,
        IOptions<IntervalsOptions> intervals,
        IOptions<DockerOptions> options)
        : base("containers", context.Health.Get(TopicCatalog.Groups.Containers), context)
    {
        _engine = engine;
        _interval = IntervalsOptions.ToInterval(intervals.Value.Containers);
        _concurrency = options.Value.StatsConcurrency;
    }

    protected override TimeSpan Interval => _interval;

    /// <summary>Asks for a collection now that refreshes states and health but keeps the last stats.</summary>
    public void RequestStateRefresh()
    {
        Interlocked.Exchange(ref _stateRefreshRequested, 1);
        RequestCollection();
    }

    protected override async Task CollectAsync(CancellationToken cancellationToken)
    {
        IList<ContainerListResponse> containers;
        try
        {
            containers = await _engine.ListContainersAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DockerUnreachableException ex)
        {
            _samples.Clear();
            _usage.Clear();
            Health.ReportUnavailable(ex.Message);
            return;
        }

        // Stats are read on the interval; an event-driven collection within it keeps the last ones.
        var stateOnly = Interlocked.Exchange(ref _stateRefreshRequested, 0) == 1
            && Time.GetLocalNow() - _statsReadAt < _interval;
        var details = await GatherDetailsAsync(containers, withStats: !stateOnly, cancellationToken).ConfigureAwait(false);
        var now = Time.GetLocalNow();
        var list = stateOnly ? MapWithLastStats(details, now) : MapWithNewStats(details, now);
        Publisher.Publish(TopicCatalog.ContainerListUpdate, (IReadOnlyList<ContainerStatus>)list);
        DockerLog.ContainersCollected(Logger, list.Count, list.Count(c => c.State == "running"));
        ReportHealth(details.Any(d => d.Failed));
    }

    private List<ContainerStatus> MapWithLastStats(List<Details> details, DateTimeOffset now) =>
        [
            .. details.Select(d => ContainerMapper.Map(
                d.Container,
                d.Inspect,
                IsRunning(d) && _usage.TryGetValue(d.Container.ID, out var usage) ? usage : null,
                now)),
        ];

    private List<ContainerStatus> MapWithNewStats(List<Details> details, DateTimeOffset now)
    {
        var samples = new Dictionary<string, ContainerSample>(StringComparer.Ordinal);
        var usages = new Dictionary<string, ContainerUsage>(StringComparer.Ordinal);
        var list = new List<ContainerStatus>(details.Count);
        foreach (var (container, inspect, stats) in details)
        {
            ContainerUsage? usage = null;
            if (stats is not null)
            {
                var previous = _samples.TryGetValue(container.ID, out var last) ? last : (ContainerSample?)null;
                var calculated = ContainerStatsCalculator.Calculate(stats, previous, now);
                samples[container.ID] = calculated.Sample;
                usages[container.ID] = calculated;
                usage = calculated;
            }

            list.Add(ContainerMapper.Map(container, inspect, usage, now));
        }

        _samples = samples;
        _usage = usages;
        _statsReadAt = now;
        return list;
    }

    private static bool IsRunning(Details details) =>
        string.Equals(details.Inspect?.State?.Status ?? details.Container.State, "running", StringComparison.OrdinalIgnoreCase);

    private async Task<List<Details>> GatherDetailsAsync(
        IList<ContainerListResponse> containers,
        bool withStats,
        CancellationToken cancellationToken)
    {
        var results = new Details[containers.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
                Enumerable.Range(0, containers.Count),
                parallel,
                async (index, token) => results[index] = await DetailsAsync(containers[index], withStats, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. results];
    }

    private async Task<Details> DetailsAsync(ContainerListResponse container, bool withStats, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _engine.InspectContainerAsync(container.ID, cancellationToken).ConfigureAwait(false);
            var isRunning = string.Equals(inspect?.State?.Status ?? container.State, "running", StringComparison.OrdinalIgnoreCase);
            var stats = withStats && isRunning ? await _engine.GetStatsAsync(container.ID, cancellationToken).ConfigureAwait(false) : null;
            return new Details(container, inspect, stats);
        }
        catch (Exception ex) when (ex is DockerUnreachableException or DockerApiException)
        {
            // A container removed between list and inspect answers 404 (null above); anything else is worth a warning.
            if (!_lastDetailsFailed)
            {
                DockerLog.ContainerDetailsFailed(Logger, ContainerMapper.ShortId(container.ID), ex);
            }

            return new Details(container, null, null) { Failed = true };
        }
    }

    private void ReportHealth(bool detailsFailed)
    {
        _lastDetailsFailed = detailsFailed;
        if (detailsFailed)
        {
            Health.ReportDegraded("inspect or stats of some containers failed");
            return;
        }

        Health.ReportHealthy();
    }

    private sealed record Details(ContainerListResponse Container, ContainerInspectResponse? Inspect, ContainerStatsResponse? Stats)
    {
        public bool Failed { get; init; }
    }
}
