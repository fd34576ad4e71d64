using Agent.Collectors.Hosting;
using Docker.DotNet;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Topics;
using Docker.DotNet.Models;
using ContainerStatus = Agent.Contracts.Dtos.Containers.ContainerStatus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

/// <summary>
/// Publishes <c>container_list_update</c>: every container with its health, and stats for the running ones. Inspect
/// and stats calls of one poll run concurrently, bounded by <see cref="DockerOptions.StatsConcurrency"/>. The
/// <see cref="ContainerEventWatcher"/> wakes this collector on every container state event.
/// </summary>
internal sealed class ContainerCollector : PollingCollector
{
    private readonly IDockerEngine _engine;
    private readonly TimeSpan _interval;
    private readonly int _concurrency;

    // Touched only by CollectAsync, which the base loop never runs twice at once.
    private Dictionary<string, ContainerSample> _samples = new(StringComparer.Ordinal);
    private bool _lastDetailsFailed;

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
            Health.ReportUnavailable(ex.Message);
            return;
        }

        var details = await GatherDetailsAsync(containers, cancellationToken).ConfigureAwait(false);
        var now = Time.GetLocalNow();
        var samples = new Dictionary<string, ContainerSample>(StringComparer.Ordinal);
        var list = new List<ContainerStatus>(containers.Count);
        foreach (var (container, inspect, stats) in details)
        {
            ContainerUsage? usage = null;
            if (stats is not null)
            {
                var previous = _samples.TryGetValue(container.ID, out var last) ? last : (ContainerSample?)null;
                var calculated = ContainerStatsCalculator.Calculate(stats, previous, now);
                samples[container.ID] = calculated.Sample;
                usage = calculated;
            }

            list.Add(ContainerMapper.Map(container, inspect, usage, now));
        }

        _samples = samples;
        Publisher.Publish(TopicCatalog.ContainerListUpdate, (IReadOnlyList<ContainerStatus>)list);
        DockerLog.ContainersCollected(Logger, list.Count, list.Count(c => c.State == "running"));
        ReportHealth(details.Any(d => d.Failed));
    }

    private async Task<List<Details>> GatherDetailsAsync(IList<ContainerListResponse> containers, CancellationToken cancellationToken)
    {
        var results = new Details[containers.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
                Enumerable.Range(0, containers.Count),
                parallel,
                async (index, token) => results[index] = await DetailsAsync(containers[index], token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return [.. results];
    }

    private async Task<Details> DetailsAsync(ContainerListResponse container, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _engine.InspectContainerAsync(container.ID, cancellationToken).ConfigureAwait(false);
            var isRunning = string.Equals(inspect?.State?.Status ?? container.State, "running", StringComparison.OrdinalIgnoreCase);
            var stats = isRunning ? await _engine.GetStatsAsync(container.ID, cancellationToken).ConfigureAwait(false) : null;
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
