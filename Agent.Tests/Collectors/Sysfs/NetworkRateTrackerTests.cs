using Agent.Collectors.Proc;
using Agent.Collectors.Sysfs;

namespace Agent.Tests.Collectors.Sysfs;

public sealed class NetworkRateTrackerTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    [Fact]
    public void Update_FirstSample_ReportsZeroRates()
    {
        var tracker = new NetworkRateTracker();

        var status = Assert.Single(tracker.Update([Sample("eth0", 1000, 500)], TimeSpan.FromSeconds(5), s_now));

        Assert.Equal((0.0, 0.0), (status.RxBytesPerSec, status.TxBytesPerSec));
        Assert.Equal((1000L, 500L), (status.BytesReceived, status.BytesSent));
    }

    [Fact]
    public void Update_SecondSample_DividesTheDeltaByElapsedTime()
    {
        var tracker = new NetworkRateTracker();
        tracker.Update([Sample("eth0", 1000, 500)], TimeSpan.FromSeconds(0), s_now);

        var status = Assert.Single(tracker.Update([Sample("eth0", 5000, 700)], TimeSpan.FromSeconds(2), s_now));

        Assert.Equal((2000.0, 100.0), (status.RxBytesPerSec, status.TxBytesPerSec));
    }

    [Fact]
    public void Update_CounterReset_ReportsZeroThenResumes()
    {
        var tracker = new NetworkRateTracker();
        tracker.Update([Sample("eth0", 9000, 9000)], TimeSpan.FromSeconds(1), s_now);

        var reset = Assert.Single(tracker.Update([Sample("eth0", 100, 9100)], TimeSpan.FromSeconds(2), s_now));
        var next = Assert.Single(tracker.Update([Sample("eth0", 400, 9100)], TimeSpan.FromSeconds(3), s_now));

        Assert.Equal((0.0, 100.0), (reset.RxBytesPerSec, reset.TxBytesPerSec));
        Assert.Equal(300.0, next.RxBytesPerSec);
    }

    [Fact]
    public void Update_InterfaceVanishedAndCameBack_StartsAgainAtZero()
    {
        var tracker = new NetworkRateTracker();
        tracker.Update([Sample("veth1", 100, 100)], TimeSpan.FromSeconds(1), s_now);
        tracker.Update([], TimeSpan.FromSeconds(2), s_now);

        var status = Assert.Single(tracker.Update([Sample("veth1", 900, 900)], TimeSpan.FromSeconds(3), s_now));

        Assert.Equal(0.0, status.RxBytesPerSec);
    }

    [Fact]
    public void Update_NoTimeElapsed_ReportsZeroNotInfinity()
    {
        var tracker = new NetworkRateTracker();
        tracker.Update([Sample("eth0", 0, 0)], TimeSpan.FromSeconds(1), s_now);

        var status = Assert.Single(tracker.Update([Sample("eth0", 100, 100)], TimeSpan.FromSeconds(1), s_now));

        Assert.Equal(0.0, status.RxBytesPerSec);
    }

    private static NetworkInterfaceSample Sample(string name, ulong rx, ulong tx) =>
        new(name, "02:00:00:00:00:01", "up", 1500, 1000, new NetDevCounters(rx, 1, 0, tx, 1, 0), "", []);
}
