using Agent.Collectors.Docker;
using Agent.Tests.Support;
using Docker.DotNet.Models;

namespace Agent.Tests.Collectors.Docker;

public sealed class ContainerStatsCalculatorTests
{
    private const string WithPrecpu = "container-stats_cgroupv1_stream-frame-with-precpu_8cpu_2018.json";
    private const string FirstFrame = "container-stats_cgroupv1_first-frame-no-precpu_2021.json";
    private static readonly DateTimeOffset s_now = new(2021, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [SharedFixturesFact]
    public void CpuPercent_StreamFrameWithPrecpu_IsDockerFormulaOverCpuCount()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(WithPrecpu);

        var percent = ContainerStatsCalculator.CpuPercent(stats, previous: null);

        // docker stats shows about 1.00 % for this frame (8 CPUs); the contract's whole-host share is an eighth.
        Assert.InRange(percent, 0.99 / 8, 1.01 / 8);
    }

    [SharedFixturesFact]
    public void CpuPercent_FirstFrameWithoutPrecpu_IsZeroWithoutDividingByZero()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(FirstFrame);

        var usage = ContainerStatsCalculator.Calculate(stats, previous: null, s_now);

        Assert.Null(stats.PreCPUStats!.SystemUsage);
        Assert.Equal(0, usage.CpuPercent);
        Assert.True(double.IsFinite(usage.MemoryPercent));
    }

    [SharedFixturesFact]
    public void CpuPercent_FirstFrameWithPreviousPoll_UsesThePreviousSample()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(FirstFrame);
        var cpu = stats.CPUStats!.CPUUsage!.TotalUsage;
        var system = stats.CPUStats.SystemUsage!.Value;
        var previous = new ContainerSample(cpu - 10_000_000, system - 4_000_000_000, 0, 0, s_now.AddSeconds(-1));

        var percent = ContainerStatsCalculator.CpuPercent(stats, previous);

        Assert.Equal(0.25, percent, 6);
    }

    [SharedFixturesFact]
    public void Memory_CgroupV1Frame_SubtractsTotalInactiveFile()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(WithPrecpu);

        var usage = ContainerStatsCalculator.Calculate(stats, previous: null, s_now);

        Assert.Equal(15_187_968 - 2_273_280, usage.MemoryUsageBytes);
        Assert.Equal(8_317_444_096, usage.MemoryLimitBytes);
        Assert.Equal(100.0 * 12_914_688 / 8_317_444_096, usage.MemoryPercent, 6);
    }

    [Fact]
    public void Memory_CgroupV2Stats_SubtractsInactiveFile()
    {
        var memory = new MemoryStats
        {
            Usage = 50_000_000,
            Limit = 1_000_000_000,
            Stats = new Dictionary<string, ulong> { ["anon"] = 30_000_000, ["file"] = 20_000_000, ["inactive_file"] = 12_000_000 },
        };

        var (used, limit) = ContainerStatsCalculator.Memory(memory);

        Assert.Equal((38_000_000L, 1_000_000_000L), (used, limit));
    }

    [SharedFixturesFact]
    public void Network_TwoSamples_GivesBytesAndRates()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(FirstFrame);
        var previous = new ContainerSample(0, 0, 6351 - 2000, 0, s_now.AddSeconds(-2));

        var usage = ContainerStatsCalculator.Calculate(stats, previous, s_now);

        Assert.Equal((6351L, 0L), (usage.NetworkRxBytes, usage.NetworkTxBytes));
        Assert.Equal(1000, usage.NetworkRxBytesPerSec, 6);
    }

    [SharedFixturesFact]
    public void Network_CounterWentDown_GivesZeroRate()
    {
        var stats = DockerFixtureJson.Read<ContainerStatsResponse>(FirstFrame);
        var previous = new ContainerSample(0, 0, 1_000_000, 0, s_now.AddSeconds(-2));

        var usage = ContainerStatsCalculator.Calculate(stats, previous, s_now);

        Assert.Equal(0, usage.NetworkRxBytesPerSec);
    }

    [Fact]
    public void Calculate_NoNetworksAndNoMemory_GivesZeros()
    {
        var usage = ContainerStatsCalculator.Calculate(new ContainerStatsResponse(), previous: null, s_now);

        Assert.Equal(
            (0L, 0L, 0L, 0.0, 0.0),
            (usage.NetworkRxBytes, usage.MemoryUsageBytes, usage.MemoryLimitBytes, usage.MemoryPercent, usage.CpuPercent));
    }
}
