using Agent.Collectors.Gpu;
using Agent.Collectors.Hosting;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Collectors.Gpu;

public sealed class IntelGpuTopReaderTests
{
    [SharedFixturesFact]
    public async Task Read_ScriptPrintsSample_ReadsCardWithHwmonTemperature()
    {
        using var folder = new TempFolder();
        var sys = Path.Combine(folder.Path, "sys");
        GpuFixtureTree.AddIntelCard(folder, sys, hwmonMilliCelsius: "52000");
        var arguments = Path.Combine(folder.Path, "arguments");
        var sample = TestPaths.Shared("intel", "netdata_igt_single-sample_with-clients.json");
        var tool = ToolScript.Write(Path.Combine(folder.Path, "intel_gpu_top"), $"echo \"$@\" > '{arguments}'\ncat '{sample}'");

        var result = await Reader(tool, sys).ReadAsync(CancellationToken.None).WithTimeout();

        var gpu = Assert.Single(result.Gpus);
        Assert.Equal(VendorReadState.Ok, result.State);
        Assert.True(gpu.Available);
        Assert.Equal(GpuFixtureTree.IntelSlot, gpu.PciId);
        Assert.Equal(52.0, gpu.TemperatureCelsius);
        Assert.Equal(3.233528, gpu.PowerDrawWatts, 6);
        Assert.InRange(gpu.UtilizationGpuPercent, 42.8, 42.9);
        Assert.Equal($"-J -s 1000 -d pci:slot={GpuFixtureTree.IntelSlot}", (await File.ReadAllTextAsync(arguments)).Trim());
    }

    [Fact]
    public async Task Read_ToolStreamsUntilKilled_UsesWhatItPrinted()
    {
        using var folder = new TempFolder();
        var sys = Path.Combine(folder.Path, "sys");
        GpuFixtureTree.AddIntelCard(folder, sys);
        var body = "echo '['\necho '{\"engines\":{\"Render/3D\":{\"busy\":0}}},'\nsleep 0.1\n"
            + "echo '{\"power\":{\"GPU\":2.5},\"engines\":{\"Render/3D\":{\"busy\":60},\"Video\":{\"busy\":20}}},'\nexec sleep 30";
        var tool = ToolScript.Write(Path.Combine(folder.Path, "intel_gpu_top"), body);

        var result = await Reader(tool, sys).ReadAsync(CancellationToken.None).WithTimeout();

        var gpu = Assert.Single(result.Gpus);
        Assert.True(gpu.Available);
        Assert.Equal(40.0, gpu.UtilizationGpuPercent);
        Assert.Equal(2.5, gpu.PowerDrawWatts);
    }

    [Theory]
    [InlineData("exec sleep 30")]
    [InlineData("echo 'Failed to initialize PMU!'\nexit 1")]
    [InlineData("echo garbage")]
    public async Task Read_ToolHangsCrashesOrPrintsGarbage_ReportsCardUnavailable(string body)
    {
        using var folder = new TempFolder();
        var sys = Path.Combine(folder.Path, "sys");
        GpuFixtureTree.AddIntelCard(folder, sys);
        var tool = ToolScript.Write(Path.Combine(folder.Path, "intel_gpu_top"), body);

        var result = await Reader(tool, sys).ReadAsync(CancellationToken.None).WithTimeout();

        var gpu = Assert.Single(result.Gpus);
        Assert.Equal(VendorReadState.Failed, result.State);
        Assert.False(gpu.Available);
        Assert.Equal(GpuFixtureTree.IntelSlot, gpu.PciId);
    }

    [Fact]
    public async Task Read_NoIntelCard_IsAbsentWithoutRunningTheTool()
    {
        using var folder = new TempFolder();
        var sys = Path.Combine(folder.Path, "sys");
        GpuFixtureTree.AddNvidiaDrmCard(folder, sys);
        var ran = Path.Combine(folder.Path, "ran");
        var tool = ToolScript.Write(Path.Combine(folder.Path, "intel_gpu_top"), $"touch '{ran}'");

        var result = await Reader(tool, sys).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Absent, result.State);
        Assert.False(File.Exists(ran));
    }

    private static IntelGpuTopReader Reader(string tool, string sys) => new(
        new ProcessRunner(),
        Options.Create(new GpuOptions { IntelGpuTop = tool, IntelSampleMilliseconds = 2000 }),
        Options.Create(new SourcePathsOptions { Sys = sys }),
        NullLogger<IntelGpuTopReader>.Instance);
}
