using Agent.Collectors.Gpu;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Gpu;

public sealed class NvidiaCsvParserTests
{
    private const long MiB = 1024L * 1024L;

    public static TheoryData<string> CsvFiles() => NvidiaXmlParserTests.SharedFiles("nvidia", "csv");

    [SharedFixturesTheory]
    [MemberData(nameof(CsvFiles))]
    public void ParseTable_EverySharedCsv_HasRowsMatchingTheHeader(string file)
    {
        var table = NvidiaCsvTable.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "csv", file)));

        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, row => Assert.Equal(table.Fields.Count, row.Count));
    }

    [SharedFixturesFact]
    public void Parse_Rtx2080SuperLoad_ReadsValuesWithUnits()
    {
        var gpu = Assert.Single(Parse("rtx-2080-super_595.71.05_linux_load_query-gpu-all.csv"));

        Assert.Equal("NVIDIA GeForce RTX 2080 SUPER", gpu.Name);
        Assert.Equal("00000000:0C:00.0", gpu.PciId);
        Assert.Equal("595.71.05", gpu.DriverVersion);
        Assert.Equal(8192 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(819 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(111.50, gpu.PowerDrawWatts);
        Assert.Equal(45.0, gpu.TemperatureCelsius);
        Assert.Equal(8.0, gpu.UtilizationGpuPercent);
        Assert.Equal(38.0, gpu.FanSpeedPercent);
    }

    [SharedFixturesFact]
    public void Parse_H100Load_TurnsBracketedNotAvailableFanIntoZero()
    {
        var gpu = Assert.Single(Parse("h100-80gb-hbm3_590.48.01_linux_load_query-gpu-all.csv"));

        Assert.Equal("NVIDIA H100 80GB HBM3", gpu.Name);
        Assert.Equal(81559 * MiB, gpu.MemoryTotalBytes);
        Assert.Equal(19818 * MiB, gpu.MemoryUsedBytes);
        Assert.Equal(631.95, gpu.PowerDrawWatts);
        Assert.Equal(100.0, gpu.UtilizationGpuPercent);
        Assert.Equal(0.0, gpu.FanSpeedPercent);
    }

    [SharedFixturesFact]
    public void Parse_ThirteenLoopedSamples_KeepsTheLastOfTheGpu()
    {
        var gpu = Assert.Single(Parse("ksysguard-gpu-issue27_520.56.06_query-with-units_13-samples.csv"));

        Assert.Equal(55.0, gpu.TemperatureCelsius);
        Assert.Equal(25.0, gpu.UtilizationGpuPercent);
        Assert.Equal(4.0, gpu.UtilizationMemoryPercent);
        Assert.Equal(83.43, gpu.PowerDrawWatts);
        Assert.Equal(34.0, gpu.FanSpeedPercent);
    }

    [SharedFixturesFact]
    public void ParseTable_ComputeApps_GivesOneRowPerProcess()
    {
        var file = TestPaths.Shared("nvidia", "csv", "rtx-2080-super_595.71.05_linux_load_query-compute-apps.csv");

        var table = NvidiaCsvTable.Parse(File.ReadAllText(file));

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("MiB", table.Unit("used_gpu_memory"));
        Assert.Equal([370 * MiB, 230 * MiB], table.Rows.Select(r => NvidiaValueParser.Bytes(table.Value(r, "used_gpu_memory"))));
        Assert.Equal(["ffmpeg", "ffmpeg"], table.Rows.Select(r => table.Value(r, "process_name")));
    }

    [Fact]
    public void Parse_NoUnitsTwoGpus_TakesUnitsFromHeader()
    {
        const string Csv = """
            index, name, pci.bus_id, memory.total [MiB], memory.used [MiB], power.draw [W], fan.speed [%]
            0, NVIDIA GeForce RTX 3060, 00000000:01:00.0, 12288, 1024, 35.10, 30
            1, NVIDIA GeForce RTX 3060, 00000000:02:00.0, 12288, 2048, [N/A], [Not Supported]
            """;

        var gpus = NvidiaCsvParser.Parse(Csv);

        Assert.Equal(2, gpus.Count);
        Assert.Equal([1024 * MiB, 2048 * MiB], gpus.Select(g => g.MemoryUsedBytes));
        Assert.Equal([35.10, 0.0], gpus.Select(g => g.PowerDrawWatts));
        Assert.Equal([30.0, 0.0], gpus.Select(g => g.FanSpeedPercent));
    }

    [Fact]
    public void Parse_HeaderOfMoreFieldsThanTheStackHolds_ReadsTheWantedOnes()
    {
        var extra = Enumerable.Range(0, 300).Select(i => $"clocks.x{i} [MHz]").ToList();
        var header = string.Join(", ", extra.Prepend("index").Append("name").Append("memory.used [MiB]"));
        var values = string.Join(", ", extra.Select(_ => "1 MHz").Prepend("0").Append("NVIDIA A2").Append("7 MiB"));

        var gpu = Assert.Single(NvidiaCsvParser.Parse(header + "\n" + values + "\n"));

        Assert.Equal("NVIDIA A2", gpu.Name);
        Assert.Equal(7 * MiB, gpu.MemoryUsedBytes);
    }

    [Fact]
    public void Parse_CrLfRepeatedColumnAndAnyCase_TakesTheFirstColumnOfAName()
    {
        const string Csv = "INDEX, Name, name, Memory.Total [GiB]\r\n0, first, second, 2\r\n\r\n";

        var gpu = Assert.Single(NvidiaCsvParser.Parse(Csv));

        Assert.Equal("first", gpu.Name);
        Assert.Equal(2048 * MiB, gpu.MemoryTotalBytes);
    }

    [Fact]
    public void Parse_NoIndexButBusIds_KeepsTheLastLineOfEachBus()
    {
        const string Csv = "pci.bus_id, name, power.draw [W]\nA, one, 1\nB, two, 2\nA, one, 3\n";

        var gpus = NvidiaCsvParser.Parse(Csv);

        Assert.Equal([3.0, 2.0], gpus.Select(g => g.PowerDrawWatts));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" \r\n\n", "empty")]
    [InlineData("uuid, power.draw\nGPU-1, 5 W\n", "neither an 'index' nor a 'name'")]
    [InlineData("index, name\n0, a\n1\n", "1 fields where the header has 2")]
    public void Parse_NotAQueryGpuTable_SaysWhy(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => NvidiaCsvParser.Parse(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTable_LineWithExtraField_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => NvidiaCsvTable.Parse("index, name\n0, Odd, Name\n"));
    }

    private static IReadOnlyList<Agent.Contracts.Dtos.Gpu.GpuStatus> Parse(string file) =>
        NvidiaCsvParser.Parse(File.ReadAllText(TestPaths.Shared("nvidia", "csv", file)));
}
