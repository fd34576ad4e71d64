using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Collectors.Hosting;

/// <summary>What a source's health publishes: every change of state at once, a new reason for the same state at most once a minute.</summary>
public sealed class SourceHealthTests
{
    [Fact]
    public void ReportDegraded_NewReasonSameState_PublishesAndSnapshotsCurrentReason()
    {
        var publisher = new RecordingPublisher();
        var time = new ManualTime();
        using var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var health = new SourceHealthRegistry(publisher, time, factory).Get("gpu");

        health.ReportDegraded("nvidia: exit code 9");
        time.Advance(SourceHealth.ReasonRefresh);
        health.ReportDegraded("nvidia: exit code 9");
        health.ReportDegraded("nvidia: timed out after 10 s");

        Assert.Equal(["nvidia: exit code 9", "nvidia: timed out after 10 s"], publisher.Reasons);
        Assert.Equal("nvidia: timed out after 10 s", health.Snapshot().Reason);
        Assert.Single(logs.WithId(2003));
        Assert.Single(logs.WithId(2007));
    }

    [Fact]
    public void ReportUnavailable_ReasonChangingEveryPoll_PublishesOncePerRefreshWithTheLatest()
    {
        var publisher = new RecordingPublisher();
        var time = new ManualTime();
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, time, factory).Get("ups");

        // A daemon answering different garbage on every 5 s poll.
        for (var poll = 0; poll < 12; poll++)
        {
            health.ReportUnavailable($"upsd answered with 'garbage {poll}'");
            Assert.Equal($"upsd answered with 'garbage {poll}'", health.Snapshot().Reason);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        health.ReportUnavailable("upsd answered with 'garbage 12'");

        Assert.Equal(["upsd answered with 'garbage 0'", "upsd answered with 'garbage 12'"], publisher.Reasons);
    }

    [Fact]
    public void Report_StateChangeRightAfterReasonChange_PublishesAtOnce()
    {
        var publisher = new RecordingPublisher();
        var time = new ManualTime();
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, time, factory).Get("ups");

        health.ReportUnavailable("apcupsd does not answer");
        health.ReportUnavailable("apcupsd refused the connection");
        health.ReportHealthy();

        Assert.Equal(["apcupsd does not answer", ""], publisher.Reasons);
    }

    [Fact]
    public void Report_SameStateAndReason_PublishesOnce()
    {
        var publisher = new RecordingPublisher();
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, TimeProvider.System, factory).Get("ups");

        health.ReportUnavailable("apcupsd does not answer");
        health.ReportUnavailable("apcupsd does not answer");
        health.ReportHealthy();
        health.ReportHealthy();

        Assert.Equal(["apcupsd does not answer", ""], publisher.Reasons);
    }

    [Fact]
    public void ReportDegraded_ReasonBackToThePublishedOne_PublishesNothingMore()
    {
        var publisher = new RecordingPublisher();
        var time = new ManualTime();
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, time, factory).Get("gpu");

        health.ReportDegraded("nvidia: exit code 9");
        health.ReportDegraded("nvidia: timed out after 10 s");
        health.ReportDegraded("nvidia: exit code 9");
        time.Advance(SourceHealth.ReasonRefresh);
        health.ReportDegraded("nvidia: exit code 9");

        Assert.Equal(["nvidia: exit code 9"], publisher.Reasons);
        Assert.Equal("nvidia: exit code 9", health.Snapshot().Reason);
    }

    [Fact]
    public void ReportDegraded_WallClockSteppedBack_NewReasonStillPublishedAfterTheRefresh()
    {
        var publisher = new RecordingPublisher();
        var time = new ManualTime();
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, time, factory).Get("ups");

        health.ReportDegraded("first");
        time.StepWallClock(TimeSpan.FromHours(-1));
        time.Advance(SourceHealth.ReasonRefresh);
        health.ReportDegraded("second");

        Assert.Equal(["first", "second"], publisher.Reasons);
    }

    [Fact]
    public async Task Report_SecondReporterWhileAPublicationIsUnderWay_SubscribersEndWithTheFinalState()
    {
        // Two collectors share one health (the emhttp ones share the array's). The first publication is held until the
        // second reporter is done, or 5 s: had the first been published outside the health's lock, it would land after
        // the second and subscribers would keep the older state. With the lock, the hold always runs out.
        using var secondDone = new ManualResetEventSlim();
        var publisher = new RecordingPublisher(holdFirst: () => secondDone.Wait(TimeSpan.FromSeconds(5)));
        using var factory = LoggerFactory.Create(_ => { });
        var health = new SourceHealthRegistry(publisher, TimeProvider.System, factory).Get("array");

        var first = Task.Run(health.ReportHealthy);
        Assert.True(publisher.FirstEntered.Wait(TimeSpan.FromSeconds(10)));
        var second = Task.Run(() =>
        {
            health.ReportDegraded("shares.ini is missing");
            secondDone.Set();
        });
        await Task.WhenAll(first, second);

        Assert.Equal(SourceHealthState.Degraded, health.Snapshot().State);
        Assert.Equal(SourceHealthState.Degraded, publisher.LastState);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by)
        {
            _now += by;
            _ticks += by.Ticks;
        }

        public void StepWallClock(TimeSpan by) => _now += by;
    }

    private sealed class RecordingPublisher(Action? holdFirst = null) : ITopicPublisher
    {
        private readonly Lock _gate = new();
        private int _calls;

        public List<string> Reasons { get; } = [];

        public string? LastState { get; private set; }

        public ManualResetEventSlim FirstEntered { get; } = new();

        public Publication Publish(Topic topic, object payload)
        {
            var status = (SourceStatus)payload;
            if (Interlocked.Increment(ref _calls) == 1 && holdFirst is not null)
            {
                FirstEntered.Set();
                holdFirst();
            }

            lock (_gate)
            {
                Reasons.Add(status.Reason);
                LastState = status.State;
                return new Publication(topic, payload, DateTimeOffset.UtcNow, Reasons.Count);
            }
        }
    }
}
