using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Hosting;

/// <summary>
/// Owns the loop of a polling collector: the first collection at once, then one every <see cref="Interval"/>, or
/// earlier when <see cref="RequestCollection"/> is called (a file watcher, a Docker event). A failing iteration is
/// logged and the next one runs; a collector with a zero interval is disabled.
/// </summary>
public abstract class PollingCollector : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly CollectorStatistics _statistics;
    private bool _lastRunFailed;

    /// <summary>Creates the loop for the collector named <paramref name="name"/> of one subsystem.</summary>
    protected PollingCollector(string name, SourceHealth health, CollectorContext context)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(context);
        Name = name;
        Health = health;
        Time = context.Time;
        Publisher = context.Publisher;
        Logger = context.LoggerFactory.CreateLogger(GetType());
        _statistics = context.Statistics;
    }

    /// <summary>Name in logs and metrics, e.g. <c>system</c>.</summary>
    public string Name { get; }

    /// <summary>Time between collections; zero or less disables the collector.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Health of the subsystem this collector feeds.</summary>
    protected SourceHealth Health { get; }

    /// <summary>The clock for timestamps and waits.</summary>
    protected TimeProvider Time { get; }

    /// <summary>Where values go.</summary>
    protected ITopicPublisher Publisher { get; }

    /// <summary>This collector's logger.</summary>
    protected ILogger Logger { get; }

    /// <summary>
    /// Whether switching this collector off switches its source off. A collector that shares its source's health with
    /// others answers no while one of them still runs, so that it does not mark their source disabled.
    /// </summary>
    protected virtual bool SourceDisabledWithCollector => true;

    /// <summary>Asks for a collection now instead of at the next interval; several requests before it runs make one.</summary>
    public void RequestCollection() => _wake.Writer.TryWrite(true);

    /// <summary>One collection: read the source, publish, and report health. Exceptions are caught by the loop.</summary>
    protected abstract Task CollectAsync(CancellationToken cancellationToken);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting: the first collection must not run on the start-up path.
        await Task.Yield();
        if (Interval <= TimeSpan.Zero)
        {
            if (SourceDisabledWithCollector)
            {
                Health.ReportDisabled();
            }

            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            try
            {
                await WaitForNextAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await CollectAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            failed = true;
            if (!_lastRunFailed)
            {
                HostingLog.CollectionFailed(Logger, Name, ex);
            }

            OnCollectionFailed(ex);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _lastRunFailed = failed;
        _statistics.Record(Name, elapsed, failed);
        HostingLog.CollectionFinished(Logger, Name, elapsed.TotalMilliseconds);
    }

    private async Task WaitForNextAsync(CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(Interval, Time, wait.Token);
        var woken = _wake.Reader.WaitToReadAsync(wait.Token).AsTask();
        var first = await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        _ = first;
        while (_wake.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Reports a run that threw; collectors that share a health with others report through what they share.</summary>
    protected virtual void OnCollectionFailed(Exception exception) => Health.ReportDegraded($"collection failed: {exception.Message}");
}
