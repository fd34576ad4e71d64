using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Hosting;

/// <summary>
/// Health of one subsystem's data source. A collector reports after every poll; only a change of state or of its
/// reason is published as <c>source_status_changed</c>, so a source that stays broken the same way is reported once,
/// not on every poll. A new reason for the same state is published at most once per <see cref="ReasonRefresh"/> (a
/// daemon answering different garbage on every poll would otherwise publish on every poll), while the snapshot always
/// holds the current one. A change of state is logged at its own level, a published new reason at Debug.
/// </summary>
public sealed class SourceHealth
{
    /// <summary>The shortest time between two publications of a new reason for the same state.</summary>
    public static readonly TimeSpan ReasonRefresh = TimeSpan.FromMinutes(1);

    private readonly ITopicPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Guards the state, reason and time fields below, which change together.
    private readonly Lock _gate = new();
    private string _state = "unknown";
    private string _reason = "";
    private DateTimeOffset _lastChecked;
    private DateTimeOffset? _lastHealthy;
    private string _publishedReason = "";
    private long _lastPublished;

    internal SourceHealth(string subsystem, ITopicPublisher publisher, TimeProvider time, ILogger logger)
    {
        Subsystem = subsystem;
        _publisher = publisher;
        _time = time;
        _logger = logger;
    }

    /// <summary>The group this source feeds.</summary>
    public string Subsystem { get; }

    /// <summary>The current state: one of <see cref="SourceHealthState"/>, or <c>unknown</c> before the first report.</summary>
    public string State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Whether the source was reported absent or unreachable last.</summary>
    public bool IsUnavailable => State == SourceHealthState.Unavailable;

    /// <summary>The last reported status.</summary>
    public SourceStatus Snapshot()
    {
        lock (_gate)
        {
            return new SourceStatus
            {
                Subsystem = Subsystem,
                State = _state,
                Reason = _reason,
                LastChecked = _lastChecked,
                LastHealthy = _lastHealthy,
            };
        }
    }

    /// <summary>The source gave valid data.</summary>
    public void ReportHealthy() => Report(SourceHealthState.Healthy, "");

    /// <summary>The source answered, but part of it failed.</summary>
    public void ReportDegraded(string reason) => Report(SourceHealthState.Degraded, reason);

    /// <summary>The source is absent or does not answer.</summary>
    public void ReportUnavailable(string reason) => Report(SourceHealthState.Unavailable, reason);

    /// <summary>The collector is switched off by configuration.</summary>
    public void ReportDisabled() => Report(SourceHealthState.Disabled, "disabled by configuration");

    // Publishes under the lock: two collectors reporting the same source at once (the emhttp collectors share the
    // array's) would otherwise publish in the opposite order of their updates, and subscribers would keep the older
    // state while later reports of the newer one, unchanged, publish nothing. Publishing only queues to each client.
    private void Report(string state, string reason)
    {
        lock (_gate)
        {
            var previous = _state;
            var now = _time.GetLocalNow();
            _lastChecked = now;
            if (state == SourceHealthState.Healthy)
            {
                _lastHealthy = now;
            }

            _state = state;
            _reason = reason;

            // A new cause of the same state is news too, a minute at most after the last: timed on the monotonic clock,
            // since a wall clock stepped back would hold new reasons until it caught up.
            var timestamp = _time.GetTimestamp();
            var stateChanged = previous != state;
            if (!stateChanged && (reason == _publishedReason || _time.GetElapsedTime(_lastPublished, timestamp) < ReasonRefresh))
            {
                return;
            }

            _publishedReason = reason;
            _lastPublished = timestamp;
            var changed = new SourceStatus
            {
                Subsystem = Subsystem,
                State = state,
                Reason = reason,
                LastChecked = now,
                LastHealthy = _lastHealthy,
            };

            if (stateChanged)
            {
                LogTransition(previous, changed);
            }
            else
            {
                HostingLog.SourceReasonChanged(_logger, Subsystem, state, reason);
            }

            _publisher.Publish(TopicCatalog.SourceStatusChanged, changed);
        }
    }

    private void LogTransition(string previous, SourceStatus status)
    {
        var isFirstReport = previous == "unknown";
        switch (status.State)
        {
            case SourceHealthState.Healthy when isFirstReport:
                HostingLog.SourceDetected(_logger, Subsystem);
                break;
            case SourceHealthState.Healthy:
                HostingLog.SourceRecovered(_logger, Subsystem, previous);
                break;
            case SourceHealthState.Disabled:
                HostingLog.SourceDisabled(_logger, Subsystem);
                break;
            case SourceHealthState.Unavailable when isFirstReport:
                HostingLog.SourceAbsent(_logger, Subsystem, status.Reason);
                break;
            default:
                HostingLog.SourceDegraded(_logger, Subsystem, status.State, status.Reason);
                break;
        }
    }
}
