using Agent.Collectors.Proc;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Proc;

public sealed class SystemCollectorTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CollectorHarness _harness = new();

    public SystemCollectorTests()
    {
        foreach (var file in Directory.EnumerateFiles(ProcFixtures.VmRoot, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, _folder.File(Path.Combine("proc", Path.GetRelativePath(ProcFixtures.VmRoot, file))));
        }

        _folder.Write("unraid-version", "version=\"7.3.1\"\n");
    }

    private string ProcRoot => Path.Combine(_folder.Path, "proc");

    [Fact]
    public async Task CollectNow_FixtureTree_PublishesEveryValue()
    {
        var snapshot = await CollectAsync(CreateCollector());

        Assert.Equal(("vm", "6.18.44-fc-v1147", "7.3.1"), (snapshot.Hostname, snapshot.KernelVersion, snapshot.Version));
        Assert.Equal(("AMD EPYC", 2, 2), (snapshot.CpuModel, snapshot.CpuCores, snapshot.CpuThreads));
        Assert.Equal(24_683_664L * 1024, snapshot.RamTotalBytes);
        Assert.Equal((19.6, 9.02, 3.87), (snapshot.LoadAverage1Minute, snapshot.LoadAverage5Minutes, snapshot.LoadAverage15Minutes));
        Assert.Equal(1236, snapshot.UptimeSeconds);
        Assert.Equal((45.25, 33.0), (snapshot.CpuTempCelsius, snapshot.MotherboardTempCelsius));
        Assert.Equal(8, snapshot.Temperatures.Count);
        Assert.NotEmpty(snapshot.AgentVersion);
        Assert.Equal(SourceHealthState.Healthy, _harness.Health.Get(TopicCatalog.Groups.System).State);
    }

    [Fact]
    public async Task CollectNow_SecondCollection_MeasuresTheIntervalNotTheBoot()
    {
        var collector = CreateCollector();
        var first = await CollectAsync(collector);
        File.Copy(Path.Combine(ProcRoot, "stat.later"), Path.Combine(ProcRoot, "stat"), overwrite: true);

        var second = await CollectAsync(collector);

        Assert.InRange(first.CpuUsagePercent, 41, 42);
        Assert.InRange(second.CpuUsagePercent, 99, 100);
        Assert.Equal(["cpu0", "cpu1"], second.CpuPerCoreUsage.Keys.Order());
    }

    [Fact]
    public async Task CollectNow_LoadavgMissing_PublishesRestAndLogsOnce()
    {
        File.Delete(Path.Combine(ProcRoot, "loadavg"));
        var collector = CreateCollector();

        await CollectAsync(collector);
        var snapshot = await CollectAsync(collector);

        Assert.Equal(0, snapshot.LoadAverage1Minute);
        Assert.Equal(24_683_664L * 1024, snapshot.RamTotalBytes);
        Assert.Equal(SourceHealthState.Degraded, _harness.Health.Get(TopicCatalog.Groups.System).State);
        Assert.Single(_harness.Logs.WithId(2050));
    }

    [Fact]
    public async Task CollectNow_FileComesBack_LogsRecoveryAndTurnsHealthy()
    {
        var loadavg = Path.Combine(ProcRoot, "loadavg");
        File.Move(loadavg, loadavg + ".away");
        var collector = CreateCollector();
        await CollectAsync(collector);
        File.Move(loadavg + ".away", loadavg);

        await CollectAsync(collector);

        Assert.Single(_harness.Logs.WithId(2051));
        Assert.Equal(SourceHealthState.Healthy, _harness.Health.Get(TopicCatalog.Groups.System).State);
    }

    [Fact]
    public async Task CollectNow_NoProcFiles_ReportsUnavailableAndPublishesNothing()
    {
        var collector = new SystemCollector(
            _harness.Context,
            CollectorHarness.Intervals,
            CollectorHarness.Paths(Path.Combine(_folder.Path, "none"), Path.Combine(_folder.Path, "none"), Path.Combine(_folder.Path, "none")));

        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();

        Assert.Null(_harness.Topics.GetLatest(TopicCatalog.SystemUpdate));
        Assert.Equal(SourceHealthState.Unavailable, _harness.Health.Get(TopicCatalog.Groups.System).State);
    }

    [Fact]
    public async Task CollectNow_OffUnraidAndWithoutHwmon_ReportsEmptyVersionAndNoSensors()
    {
        var collector = new SystemCollector(
            _harness.Context,
            CollectorHarness.Intervals,
            CollectorHarness.Paths(ProcRoot, Path.Combine(_folder.Path, "no-sys"), Path.Combine(_folder.Path, "no-version")));

        var snapshot = await CollectAsync(collector);

        Assert.Equal("", snapshot.Version);
        Assert.Empty(snapshot.Temperatures);
        Assert.Equal(0, snapshot.CpuTempCelsius);
        Assert.Equal(SourceHealthState.Healthy, _harness.Health.Get(TopicCatalog.Groups.System).State);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _folder.Dispose();
    }

    private SystemCollector CreateCollector() =>
        new(
            _harness.Context,
            CollectorHarness.Intervals,
            CollectorHarness.Paths(ProcRoot, TestPaths.Owned("Sysfs", "ryzen-nct6798"), Path.Combine(_folder.Path, "unraid-version")));

    private async Task<SystemSnapshot> CollectAsync(SystemCollector collector)
    {
        await collector.CollectNowAsync(CancellationToken.None).WithTimeout();
        return Assert.IsType<SystemSnapshot>(_harness.Topics.GetLatest(TopicCatalog.SystemUpdate)?.Payload);
    }
}
