using Agent.Collectors.Hosting;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

/// <summary>
/// Follows the Engine's event stream and wakes the <see cref="ContainerCollector"/> on every state event, so a
/// start, stop, pause or health change reaches subscribers at once instead of at the next interval. When the stream
/// breaks (daemon stopped or restarted), it wakes the collector too, which then reports the source unavailable, and
/// reconnects with a growing backoff; a successful reconnect wakes the collector for a full list. A daemon that is
/// absent from the start, or gone for longer than a restart takes, is asked about rarely: once per container interval
/// (between 5 s and a minute), because the collector's own poll finds it as soon as that.
/// </summary>
internal sealed class ContainerEventWatcher(
    ContainerCollector collector,
    IDockerEngine engine,
    IOptions<IntervalsOptions> intervals,
    IOptions<DockerOptions> options,
    TimeProvider time,
    ILogger<ContainerEventWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_maxAbsentBackoff = TimeSpan.FromMinutes(1);

    // A daemon restart (an update, a settings change) is over well within this; retries stay quick for that long.
    private static readonly TimeSpan s_restartWindow = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _absentBackoff = TimeSpan.FromSeconds(
        Math.Clamp(intervals.Value.Containers, s_maxBackoff.TotalSeconds, s_maxAbsentBackoff.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (intervals.Value.Containers <= 0)
        {
            return;
        }

        var backoff = s_firstBackoff;
        var wasConnected = false;
        var faultLogged = false;
        long? lostAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var justLost = false;
            try
            {
                await engine.PingAsync(stoppingToken).ConfigureAwait(false);
                var watch = engine.WatchEventsAsync(OnEvent, stoppingToken);
                backoff = s_firstBackoff;
                if (!wasConnected)
                {
                    DockerLog.EventStreamConnected(logger, options.Value.Endpoint);
                    wasConnected = true;
                    faultLogged = false;
                }

                // A full list right after (re)connecting: events missed while the stream was down are not replayed.
                collector.RequestCollection();
                await watch.ConfigureAwait(false);
                justLost = LogLost(ref wasConnected, null);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DockerUnreachableException or DockerApiException)
            {
                justLost = LogLost(ref wasConnected, ex);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Something answers that is not the Engine API, or the event stream broke mid-event: a fault of the
                // source, not of the agent, retried like a lost daemon and logged once until the stream works again.
                if (!faultLogged)
                {
                    DockerLog.EventStreamUnreadable(logger, options.Value.Endpoint, ex.Message, _absentBackoff);
                    faultLogged = true;
                }

                justLost = LogLost(ref wasConnected, null);
            }

            // The collector finds the daemon gone and reports the source unavailable without waiting for its interval;
            // while it stays gone, the collector has already said so and is not woken again.
            if (justLost)
            {
                lostAt = time.GetTimestamp();
                collector.RequestCollection();
            }

            try
            {
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var restarting = lostAt is { } since && time.GetElapsedTime(since) < s_restartWindow;
            var cap = restarting ? s_maxBackoff : _absentBackoff;
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, cap.Ticks));
        }
    }

    private void OnEvent(Message message)
    {
        if (!DockerEvents.ChangesList(message))
        {
            return;
        }

        DockerLog.ContainerEventReceived(logger, message.Action ?? "", ContainerMapper.ShortId(message.Actor?.ID));
        collector.RequestStateRefresh();
    }

    private bool LogLost(ref bool wasConnected, Exception? exception)
    {
        var lost = wasConnected;
        if (lost)
        {
            DockerLog.EventStreamLost(logger, options.Value.Endpoint, _absentBackoff, exception);
        }

        wasConnected = false;
        return lost;
    }
}
