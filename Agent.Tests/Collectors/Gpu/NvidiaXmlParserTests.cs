using Agent.Collectors.Gpu;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Gpu;

public sealed class NvidiaXmlParserTests
{
    private const long MiB = 1024L * 1024L;

    public static TheoryData<string> XmlFiles() => SharedFiles("nvidia", "xml");

    [SharedFixturesTheory]
    [MemberData(nameof(XmlFiles))]
    public void Parse_EverySharedReport_GivesNamedGpusWithSaneValues(string file)
    {
        var gpus = NvidiaXmlParser.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "xml", file)));

        Assert.NotEmpty(gpus);
        Assert.All(gpus, gpu =>
        {
            Assert.Equal("nvidia", gpu.Vendor);
            Assert.NotEmpty(gpu.Name);
            Assert.StartsWith("GPU-", gpu.Uuid, StringComparison.Ordinal);
            Assert.Matches("^[0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\\.[0-9]$", gpu.PciId);
            Assert.Matches("^[0-9]+\\.[0-9.]+$", gpu.DriverVersion);
            Assert.InRange(gpu.MemoryTotalBytes, 1024 * MiB, 100_000 * MiB);
            Assert.InRange(gpu.MemoryUsedBytes, 0, gpu.MemoryTotalBytes);
            Assert.InRange(gpu.TemperatureCelsius, 0, 100);
            Assert.InRange(gpu.PowerDrawWatts, 0, 700);
            Assert.InRange(gpu.FanSpeedPercent, 0, 100);
        });
    }

    [SharedFixturesFact]
    public void Parse_DualRtx2070V13_GivesBothCardsWithInstantPower()
    {
        var gpus = Parse("dual-rtx-2070_590.44.01_v13.xml");

        Assert.Equal(2, gpus.Count);
        Assert.Equal(["00000000:01:00.0", "00000000:02:00.0"], gpus.Select(g => g.PciId));
        Assert.Equal([9.23, 11.82], gpus.Select(g => g.PowerDrawWatts));
        Assert.Equal([14.0, 13.0], gpus.Select(g => g.TemperatureCelsius));
        Assert.Equal([35.0, 34.0], gpus.Select(g => g.FanSpeedPercent));
        Assert.All(gpus, g => Assert.Equal(8192 * MiB, g.MemoryTotalBytes));
        Assert.All(gpus, g => Assert.Equal(1 * MiB, g.MemoryUsedBytes));
        Assert.All(gpus, g => Assert.Equal("590.44.01", g.DriverVersion));
    }

    [SharedFixturesFact]
    public void Parse_Rtx3080V12_ReadsGpuPowerReadings()
    {
        var gpu = Assert.Single(Parse("rtx-3080_536.40_v12.xml"));

        Assert.Equal("NVIDIA GeForce RTX 3080", gpu.Name);
        Assert.Equal(22.78, gpu.PowerDrawWatts);
        Assert.Equal(10240 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(1128 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(37.0, gpu.UtilizationMemoryPercent);
        Assert.Equal(31.0, gpu.TemperatureCelsius);
        Assert.Equal("00000000:04:00.0", gpu.PciId);
    }

    [SharedFixturesFact]
    public void Parse_Gtx1660TiV10_ReadsOldPowerReadingsAndGenericName()
    {
        var gpu = Assert.Single(Parse("gtx-1660-ti_418.43_v10.xml"));

        Assert.Equal("Graphics Device", gpu.Name);
        Assert.Equal(8.93, gpu.PowerDrawWatts);
        Assert.Equal(5912 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(40.0, gpu.TemperatureCelsius);
        Assert.Equal("418.43", gpu.DriverVersion);
    }

    [SharedFixturesFact]
    public void Parse_A100WithMig_ReadsWholeCardMemoryNotMigSlices()
    {
        var gpu = Assert.Single(Parse("a100-sxm4-80gb_535.54.03_v12.xml"));

        Assert.Equal(81920 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(50 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(67.03, gpu.PowerDrawWatts);
        Assert.Equal(0.0, gpu.UtilizationGpuPercent);
        Assert.Equal(0.0, gpu.FanSpeedPercent);
    }

    [SharedFixturesFact]
    public void Parse_GridVgpuWindows_TurnsNotAvailableIntoZero()
    {
        var gpu = Assert.Single(Parse("grid-p4-1q-vgpu_513.46_v11_windows.xml"));

        Assert.Equal("GRID P4-1Q", gpu.Name);
        Assert.Equal(0.0, gpu.PowerDrawWatts);
        Assert.Equal(0.0, gpu.FanSpeedPercent);
        Assert.Equal(1024 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(807 * MiB, gpu.MemoryUsedBytes);
    }

    [SharedFixturesFact]
    public void Parse_Rtx3090V13_PrefersInstantOverAveragePower()
    {
        var gpu = Assert.Single(Parse("rtx-3090_590.44.01_v13.xml"));

        Assert.Equal(35.15, gpu.PowerDrawWatts);
        Assert.Equal(24576 * MiB, gpu.MemoryTotalBytes);
    }

    [Fact]
    public void Parse_PaddedValuesAndPerGpuDriver_TrimsAndPrefersGpuDriver()
    {
        const string Xml = """
            <?xml version="1.0" ?>
            <!DOCTYPE nvidia_smi_log SYSTEM "nvsmi_device_v12.dtd">
            <nvidia_smi_log>
              <driver_version>550.1</driver_version>
              <gpu id="00000000:03:00.0">
                <product_name> Tesla P4 </product_name>
                <driver_version>550.2</driver_version>
                <fan_speed> 40 % </fan_speed>
                <temperature><gpu_temp> 41 C </gpu_temp></temperature>
              </gpu>
            </nvidia_smi_log>
            """;

        var gpu = Assert.Single(NvidiaXmlParser.Parse(Xml));

        Assert.Equal("Tesla P4", gpu.Name);
        Assert.Equal("550.2", gpu.DriverVersion);
        Assert.Equal(40.0, gpu.FanSpeedPercent);
        Assert.Equal(41.0, gpu.TemperatureCelsius);
        Assert.Equal("00000000:03:00.0", gpu.PciId);
    }

    [Fact]
    public void Parse_InternalEntity_IsNotExpanded()
    {
        const string Xml = """
            <?xml version="1.0" ?>
            <!DOCTYPE nvidia_smi_log [<!ENTITY name "expanded">]>
            <nvidia_smi_log><gpu id="0"><product_name>&name;</product_name></gpu></nvidia_smi_log>
            """;

        Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(Xml));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")]
    [InlineData("<other_root/>")]
    [InlineData("<nvidia_smi_log><gpu>")]
    public void Parse_NotAReport_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => NvidiaXmlParser.Parse(text));
    }

    internal static TheoryData<string> SharedFiles(params string[] folder)
    {
        var data = new TheoryData<string>();
        var path = TestPaths.Shared(folder);
        IEnumerable<string> files = Directory.Exists(path) ? Directory.EnumerateFiles(path).Order(StringComparer.Ordinal) : [];
        foreach (var file in files)
        {
            data.Add(Path.GetFileName(file));
        }

        // A theory without rows fails instead of skipping; the attribute skips it when the corpus is absent.
        if (data.Count == 0)
        {
            data.Add("absent");
        }

        return data;
    }

    private static IReadOnlyList<Agent.Contracts.Dtos.Gpu.GpuStatus> Parse(string file) =>
        NvidiaXmlParser.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "xml", file)));
}
