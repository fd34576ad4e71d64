using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

[Collection(UpsDaemonsCollection.Name)]
public sealed class ApcupsdDaemonTests(ApcupsdDaemonFixture apcupsd)
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [UpsDaemonFact]
    public async Task ReadStatus_TestDriver_GivesOnlineStatusWithModelAndUnits()
    {
        var source = new ApcupsdSource(ApcupsdDaemonFixture.CreateClient(apcupsd.TestDriverAddress));

        var status = (await source.ReadAsync(s_now, CancellationToken.None).WithTimeout()).Single();

        Assert.True(status.Connected);
        Assert.Equal("ONLINE NOBATT", status.Status);
        Assert.Equal("Test Driver", status.Model);
        Assert.Equal("test", status.Name);
        Assert.Equal("apcupsd", status.Backend);
        Assert.Equal(40.5, status.LoadPercent, 3);
        Assert.Equal(100, status.BatteryChargePercent, 3);
        Assert.Equal(1200 * 60, status.RuntimeLeftSeconds);
        Assert.Equal(229.5, status.InputVoltage, 3);
        Assert.Equal(228.5, status.OutputVoltage, 3);
        Assert.Equal(12.5, status.BatteryVoltage, 3);
    }

    [UpsDaemonFact]
    public async Task ReadStatus_NetDriverWithNothingListening_ReportsCommLostAsNotConnected()
    {
        var source = new ApcupsdSource(ApcupsdDaemonFixture.CreateClient(apcupsd.CommLostAddress));

        var status = (await source.ReadAsync(s_now, CancellationToken.None).WithTimeout()).Single();

        Assert.False(status.Connected);
        Assert.Equal("COMMLOST", status.Status);
        Assert.Equal("", status.Model);
    }

    [UpsDaemonFact]
    public async Task ReadStatus_TwoRequestsInARow_EachGetsTheWholeReply()
    {
        var client = ApcupsdDaemonFixture.CreateClient(apcupsd.TestDriverAddress);

        var first = await client.ReadStatusAsync(CancellationToken.None).WithTimeout();
        var second = await client.ReadStatusAsync(CancellationToken.None).WithTimeout();

        Assert.StartsWith("APC", first[0], StringComparison.Ordinal);
        Assert.StartsWith("END APC", first[^1], StringComparison.Ordinal);
        Assert.Equal(first.Count, second.Count);
    }
}
