using Agent.Collectors.Sysfs;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Sysfs;

/// <summary>The hwmon and net trees of the shared corpus (node_exporter's sys.ttar, see PROVENANCE.md).</summary>
public sealed class SharedSysfsCorpusTests
{
    private static string Root => TestPaths.Shared("sysfs", "node_exporter", "sys");

    [SharedFixturesFact]
    public async Task HwmonRead_SharedTree_KeepsLabelsAndNamesTheChipWithoutNameFile()
    {
        var scan = await new HwmonReader(Root).ReadAsync(CancellationToken.None).WithTimeout();
        var summary = HwmonInterpreter.Interpret(scan.Readings);

        Assert.Equal(0, scan.UnreadableInputs);
        Assert.Contains(summary.Temperatures, t => t is { Name: "Physical id 0", Source: "coretemp", SensorType: "cpu", ValueCelsius: 55 });
        Assert.Contains(summary.Temperatures, t => t is { Name: "foosensor", Source: "hwmon4", ValueCelsius: 54 });
        Assert.Equal(55.0, summary.CpuTempCelsius);
        Assert.Equal(["nct6779 fan2=1098"], summary.Fans.Select(fan => $"{fan.Name}={fan.Rpm}"));
        Assert.All(summary.Temperatures, t => Assert.InRange(t.ValueCelsius, -40, 125));
    }

    [SharedFixturesFact]
    public async Task HwmonRead_BogusChip_IgnoresAttributesThatAreNotTempOrFanInputs()
    {
        var scan = await new HwmonReader(Root).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.DoesNotContain(scan.Readings, reading => reading.Chip == "bogus");
    }

    [SharedFixturesFact]
    public async Task NetworkRead_SharedTree_ReadsEveryInterfaceFolderAndSkipsFiles()
    {
        var reader = new NetworkInterfaceReader(Root, TestPaths.Shared("proc", "procfs"), readOsAddresses: false);

        var scan = await reader.ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(["bond0", "dmz", "ens10f0", "eth0", "int"], scan.Interfaces.Select(i => i.Name));
        Assert.All(scan.Interfaces, i => Assert.Equal(("up", 1500, ""), (i.State, i.Mtu, i.IpAddress)));
        Assert.Equal(-1, scan.Interfaces.Single(i => i.Name == "bond0").SpeedMbps);
        Assert.Equal(1000, scan.Interfaces.Single(i => i.Name == "dmz").SpeedMbps);
        Assert.Equal("02:00:00:00:00:01", scan.Interfaces.Single(i => i.Name == "ens10f0").MacAddress);
    }

    [SharedFixturesFact]
    public async Task NetworkRead_StatisticsOrProcNetDev_TakesCountersFromEither()
    {
        var reader = new NetworkInterfaceReader(Root, TestPaths.Shared("proc", "procfs"), readOsAddresses: false);

        var scan = await reader.ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(10_013_625_365UL, scan.Interfaces.Single(i => i.Name == "ens10f0").Counters.RxBytes);
        Assert.Equal(874_354_587UL, scan.Interfaces.Single(i => i.Name == "eth0").Counters.RxBytes);
    }
}
