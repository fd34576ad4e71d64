using System.Diagnostics;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Collectors.Ups;

[Collection(UpsDaemonsCollection.Name)]
public sealed class UpsStatusCollectorTests(NutDaemonFixture nut, ApcupsdDaemonFixture apcupsd)
{
    private const int SourceAbsentId = 2002;
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);

    [UpsDaemonFact]
    public async Task Collector_NutSequence_PublishesOnBatteryThenLowBattery()
    {
        await using var server = await UpsHostHelpers.StartAsync(
            "nut", nut: nut.Address, more: ("Agent:Ups:NutUps", NutDaemonFixture.SequenceUps));
        var subscriber = new RecordingSubscriber();
        server.Topics.Subscribe(subscriber);

        var onBattery = await subscriber.WaitForAsync(s => s.Status == "OB DISCHRG", TimeSpan.FromSeconds(20));
        var lowBattery = await subscriber.WaitForAsync(s => s.Status == "OB LB", TimeSpan.FromSeconds(20));

        Assert.Equal((60.0, 900L, 0.0), (onBattery.BatteryChargePercent, onBattery.RuntimeLeftSeconds, onBattery.InputVoltage));
        Assert.Equal((8.0, 120L), (lowBattery.BatteryChargePercent, lowBattery.RuntimeLeftSeconds));
        Assert.All(subscriber.Seen, s => Assert.Equal((NutDaemonFixture.SequenceUps, "nut", true), (s.Name, s.Backend, s.Connected)));
    }

    [UpsDaemonFact]
    public async Task Collector_LiveUpsrwChange_ReachesASubscriberWithinOneInterval()
    {
        await using var server = await UpsHostHelpers.StartAsync(
            "nut",
            nut: nut.Address,
            more: [("Agent:Ups:NutUps", NutDaemonFixture.LiveUps), ("Agent:Intervals:Ups", "2")]);
        var subscriber = new RecordingSubscriber();
        server.Topics.Subscribe(subscriber);
        await subscriber.WaitForAsync(s => s.Status == "OL");

        await nut.SetAsync(NutDaemonFixture.LiveUps, "ups.status", "OB DISCHRG");
        var changed = Stopwatch.StartNew();
        var seen = await subscriber.WaitForAsync(s => s.Status == "OB DISCHRG");
        changed.Stop();
        await nut.SetAsync(NutDaemonFixture.LiveUps, "ups.status", "OL");

        // One interval, plus the poll's own duration, the dummy driver handing the change to upsd, and scheduling on a
        // busy two-core machine (3.3 s was seen once with a 1 s allowance).
        Assert.True(changed.Elapsed < s_interval + TimeSpan.FromSeconds(2), $"took {changed.Elapsed}");
        Assert.Equal("Back-UPS ES 700G", seen.Model);
        Assert.Equal(405 * 12 / 100.0, seen.PowerWatts, 3);
    }

    [UpsDaemonFact]
    public async Task Collector_ApcupsdTestDriver_PublishesItsStatusAsHealthy()
    {
        await using var server = await UpsHostHelpers.StartAsync("apcupsd", apcupsd: apcupsd.TestDriverAddress);

        await server.WaitForStateAsync(SourceHealthState.Healthy);

        var status = server.LatestUps();
        Assert.NotNull(status);
        Assert.Equal(("ONLINE NOBATT", "Test Driver", "apcupsd", true), (status.Status, status.Model, status.Backend, status.Connected));
    }

    [UpsDaemonFact]
    public async Task Collector_ApcupsdCommLost_PublishesNotConnectedAndDegraded()
    {
        await using var server = await UpsHostHelpers.StartAsync("apcupsd", apcupsd: apcupsd.CommLostAddress);

        await server.WaitForStateAsync(SourceHealthState.Degraded);

        var status = server.LatestUps();
        Assert.NotNull(status);
        Assert.Equal(("COMMLOST", false), (status.Status, status.Connected));
    }

    [UpsDaemonFact]
    public async Task Collector_AutoWithApcupsdSilent_FallsBackToNut()
    {
        await using var server = await UpsHostHelpers.StartAsync(
            "auto",
            apcupsd: $"127.0.0.1:{LoopbackPort.Free()}",
            nut: nut.Address,
            more: ("Agent:Ups:NutUps", NutDaemonFixture.LiveUps));

        await server.WaitForStateAsync(SourceHealthState.Healthy);

        Assert.Equal(("nut", NutDaemonFixture.LiveUps), (server.LatestUps()?.Backend, server.LatestUps()?.Name));
    }

    [Fact]
    public async Task Collector_NothingAnswering_PublishesNothingAndLogsOneInformationLine()
    {
        await using var server = await UpsHostHelpers.StartAsync(
            "auto", apcupsd: $"127.0.0.1:{LoopbackPort.Free()}", nut: $"127.0.0.1:{LoopbackPort.Free()}");
        var subscriber = new RecordingSubscriber();
        server.Topics.Subscribe(subscriber);

        await server.WaitForPollsAsync(3);

        Assert.Equal(SourceHealthState.Unavailable, server.Health().State);
        Assert.Empty(subscriber.Drain());
        Assert.Null(server.LatestUps());
        var absent = Assert.Single(server.Logs.WithId(SourceAbsentId));
        Assert.Equal(LogLevel.Information, absent.Level);
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Warning));
    }
}
