using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Collectors.Hosting;

/// <summary>What a source's health publishes: every change of state or of its reason, once.</summary>
public sealed class SourceHealthTests
{
    [Fact]
    public void ReportDegraded_NewReasonSameState_PublishesAndSnapshotsCurrentReason()
    {
        var publisher = new RecordingPublisher();
        using var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var health = new SourceHealthRegistry(publisher, TimeProvider.System, factory).Get("gpu");

        health.ReportDegraded("nvidia: exit code 9");
        health.ReportDegraded("nvidia: exit code 9");
        health.ReportDegraded("nvidia: timed out after 10 s");

        Assert.Equal(["nvidia: exit code 9", "nvidia: timed out after 10 s"], publisher.Reasons);
        Assert.Equal("nvidia: timed out after 10 s", health.Snapshot().Reason);
        Assert.Single(logs.WithId(2003));
        Assert.Single(logs.WithId(2007));
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

    private sealed class RecordingPublisher : ITopicPublisher
    {
        public List<string> Reasons { get; } = [];

        public Publication Publish(Topic topic, object payload)
        {
            Reasons.Add(((SourceStatus)payload).Reason);
            return new Publication(topic, payload, DateTimeOffset.UtcNow, Reasons.Count);
        }
    }
}
