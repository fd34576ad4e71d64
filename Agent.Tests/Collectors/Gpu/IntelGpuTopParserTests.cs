using Agent.Collectors.Gpu;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Gpu;

public sealed class IntelGpuTopParserTests
{
    // Engine classes of the netdata sample: Render 96.092944, Blitter 0, Video (72.950675 + 77.402254) / 2, VideoEnhance 0.
    private const double SharedSampleUtilization = (96.092944 + 0 + ((72.950675 + 77.402254) / 2) + 0) / 4;

    [SharedFixturesFact]
    public void Parse_SharedPrettySample_AveragesEngineClassesAndReadsPower()
    {
        var report = IntelGpuTopParser.Parse(SharedSample());

        var sample = Assert.Single(report.Samples);
        Assert.Equal(0, report.SkippedObjects);
        Assert.Equal(5, sample.EngineBusyPercent.Count);
        Assert.Equal(1253.085184, sample.ActualFrequencyMhz);
        Assert.Equal(3.233528, report.PowerWatts(), 6);
        Assert.Equal(SharedSampleUtilization, report.UtilizationPercent(), 6);
    }

    [SharedFixturesFact]
    public void Parse_CompactStreamWithoutBrackets_DropsTheFirstSample()
    {
        var stream = Compact(Idle()) + ",\n" + Compact(SharedSample()) + ",\n" + Compact(SharedSample());

        var report = IntelGpuTopParser.Parse(stream);

        Assert.Equal(3, report.Samples.Count);
        Assert.Equal(2, report.Usable.Count);
        Assert.Equal(SharedSampleUtilization, report.UtilizationPercent(), 6);
    }

    [SharedFixturesFact]
    public void Parse_OpenArrayKilledMidObject_KeepsTheCompleteObjects()
    {
        var sample = SharedSample();
        var stream = "[\n" + Idle() + ",\n" + sample + ",\n" + sample[..(sample.Length / 2)];

        var report = IntelGpuTopParser.Parse(stream);

        Assert.Equal(2, report.Samples.Count);
        Assert.Equal(SharedSampleUtilization, report.UtilizationPercent(), 6);
    }

    [Fact]
    public void Parse_BracesInsideStrings_DoNotSplitObjects()
    {
        const string Stream = """[{"engines":{"Render/3D":{"busy":50.0}},"clients":{"1":{"name":"a}\"{b","pid":"1"}}},""";

        var report = IntelGpuTopParser.Parse(Stream);

        var sample = Assert.Single(report.Samples);
        Assert.Equal(50.0, sample.EngineBusyPercent["Render/3D"]);
    }

    [Fact]
    public void Parse_BusyAsQuotedString_IsRead()
    {
        var report = IntelGpuTopParser.Parse("""{"engines":{"Video/0":{"busy":"12.5","unit":"%"}}}""");

        Assert.Equal(12.5, report.UtilizationPercent());
    }

    [Theory]
    [InlineData("")]
    [InlineData("intel_gpu_top: Failed to initialize PMU! (Permission denied)")]
    [InlineData("{not json} garbage")]
    public void Parse_NoValidObject_GivesNoSample(string text)
    {
        var report = IntelGpuTopParser.Parse(text);

        Assert.Empty(report.Samples);
        Assert.Equal(0.0, report.UtilizationPercent());
    }

    private static string SharedSample() =>
        File.ReadAllText(TestPaths.Shared("intel", "netdata_igt_single-sample_with-clients.json"));

    private static string Compact(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    private static string Idle() => """{"period":{"duration":1.0,"unit":"ms"},"engines":{"Render/3D/0":{"busy":0.0}}}""";
}
