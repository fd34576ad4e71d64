using Agent.Collectors.Sysfs;
using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Topics;
using Agent.Tests.Collectors.Proc;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Sysfs;

public sealed class NetworkCollectorTests : IDisposable
{
    private readonly CollectorHarness _harness = new();
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task CollectNow_CapturedVm_PublishesEveryInterfaceButLoopback()
    {
        var collector = Create(TestPaths.Owned("Sysfs", "vm-virtio"));

        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();

        var published = _harness.Topics.GetLatest(TopicCatalog.NetworkListUpdate)?.Payload;
        var payload = Assert.IsType<IReadOnlyList<NetworkInterfaceStatus>>(published, exactMatch: false);
        Assert.Equal(["eth0", "ifb0"], payload.Select(i => i.Name));
        Assert.All(payload, i => Assert.Equal(0, i.RxBytesPerSec));
        Assert.Equal(2, _harness.Logs.WithId(2101).Count);
        Assert.Equal(SourceHealthState.Healthy, _harness.Health.Get(TopicCatalog.Groups.Network).State);
    }

    [Fact]
    public async Task CollectNow_InterfaceRemoved_LogsItOnce()
    {
        var sys = _folder.Path;
        Directory.CreateDirectory(Path.Combine(sys, "class", "net", "veth1"));
        Directory.CreateDirectory(Path.Combine(sys, "class", "net", "eth0"));
        var collector = Create(sys);
        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();
        Directory.Delete(Path.Combine(sys, "class", "net", "veth1"));

        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();
        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();

        Assert.Single(_harness.Logs.WithId(2102));
    }

    [Fact]
    public async Task CollectNow_NoNetClass_ReportsUnavailableAndLogsOnce()
    {
        var collector = Create(Path.Combine(_folder.Path, "none"));

        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();
        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();

        Assert.Null(_harness.Topics.GetLatest(TopicCatalog.NetworkListUpdate));
        Assert.Equal(SourceHealthState.Unavailable, _harness.Health.Get(TopicCatalog.Groups.Network).State);
        Assert.Single(_harness.Logs.WithId(2100));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _folder.Dispose();
    }

    private NetworkCollector Create(string sys) =>
        new(_harness.Context, CollectorHarness.Intervals, CollectorHarness.Paths(TestPaths.Owned("Proc", "vm-epyc-2cpu"), sys, "/nonexistent"));
}
