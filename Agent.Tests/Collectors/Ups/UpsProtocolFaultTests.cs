using Agent.Collectors.Ups;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Collectors.Ups;

public sealed class UpsProtocolFaultTests
{
    private const int SourceRecoveredId = 2001;
    private const int SourceDegradedId = 2003;

    [Theory]
    [InlineData(UpsBackends.Apcupsd, FakeUpsBehaviour.Silent)]
    [InlineData(UpsBackends.Apcupsd, FakeUpsBehaviour.CutMidReply)]
    [InlineData(UpsBackends.Apcupsd, FakeUpsBehaviour.Garbage)]
    [InlineData(UpsBackends.Nut, FakeUpsBehaviour.Silent)]
    [InlineData(UpsBackends.Nut, FakeUpsBehaviour.CutMidReply)]
    [InlineData(UpsBackends.Nut, FakeUpsBehaviour.Garbage)]
    public async Task Collector_DaemonMisbehavesThenRecovers_UnavailableOncePublishedOnceThenHealthy(
        string backend,
        FakeUpsBehaviour fault)
    {
        await using var daemon = new FakeUpsServer(backend, Dump(backend));
        await using var server = await UpsHostHelpers.StartAsync(
            backend,
            apcupsd: daemon.Address,
            nut: daemon.Address,
            ("Agent:Ups:ReadTimeout", "00:00:01.500"));
        await server.WaitForStateAsync(SourceHealthState.Healthy);
        var subscriber = new RecordingSubscriber();
        server.Topics.Subscribe(subscriber);

        daemon.Mode = fault;
        await server.WaitForStateAsync(SourceHealthState.Unavailable);
        await server.WaitForPollsAsync(2);
        var whileDown = subscriber.Drain().ToArray();
        daemon.Mode = FakeUpsBehaviour.Answer;

        // The state flips before its transition is logged, so wait for the log line itself.
        try
        {
            await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(server.Logs.WithId(SourceRecoveredId).Count > 0));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"No recovery logged; the source is {server.Health().State}: {server.Health().Snapshot().Reason}", ex);
        }

        var disconnected = Assert.Single(whileDown, s => !s.Connected);
        Assert.Equal("unknown", disconnected.Status);
        Assert.Equal(backend, disconnected.Backend);
        Assert.Single(server.Logs.WithId(SourceDegradedId));
        Assert.Single(server.Logs.WithId(SourceRecoveredId));
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
        Assert.True(server.LatestUps() is { Connected: true });
    }

    private static string[] Dump(string backend)
    {
        if (backend == UpsBackends.Apcupsd)
        {
            return
            [
                "APC      : 001,005,0200", "UPSNAME  : fake", "MODEL    : Back-UPS RS 1500MS2", "STATUS   : ONLINE ",
                "LOADPCT  : 3.0 Percent", "END APC  : 2026-12-03 10:00:00 +0000",
            ];
        }

        return ["ups.status: OL", "ups.load: 3", "device.model: Back-UPS RS 1500MS2"];
    }
}
