using System.Diagnostics;
using Agent.Collectors.Gpu;
using Agent.Collectors.Hosting;
using Agent.Tests.Support;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Collectors.Gpu;

public sealed class NvidiaSmiReaderTests
{
    [SharedFixturesFact]
    public async Task Read_ScriptPrintsDualReport_GivesTwoGpus()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Cat(Path.Combine(folder.Path, "nvidia-smi"), TestPaths.Shared("nvidia", "xml", "dual-rtx-2070_590.44.01_v13.xml"));

        var result = await Reader(tool).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Ok, result.State);
        Assert.Equal(["GPU-12345678-aaaa-bbbb-cccc-0123456789ab", "GPU-12345678-aaaa-bbbb-cccc-0123456789cd"], result.Gpus.Select(g => g.Uuid));
    }

    [Fact]
    public async Task Read_ScriptGetsItsArguments_AsksForTheXmlReport()
    {
        using var folder = new TempFolder();
        var arguments = Path.Combine(folder.Path, "arguments");
        var tool = ToolScript.Write(Path.Combine(folder.Path, "nvidia-smi"), $"echo \"$@\" >> '{arguments}'\nexit 9");

        var result = await Reader(tool).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Failed, result.State);
        Assert.Contains("status 9", result.Reason, StringComparison.Ordinal);
        var calls = await File.ReadAllLinesAsync(arguments);
        Assert.Equal("-q -x", calls[0]);
        Assert.StartsWith("--query-gpu=index,name,", calls[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ScriptPrintsGarbage_FailsWithParseReason()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Write(Path.Combine(folder.Path, "nvidia-smi"), "echo 'this is { not < xml'");

        var result = await Reader(tool).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Failed, result.State);
        Assert.Contains("does not parse", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_CsvOnlyTool_FallsBackToQueryGpu()
    {
        using var folder = new TempFolder();
        var csv = folder.Write(
            "query.csv",
            "index, name, pci.bus_id, memory.total [MiB], memory.used [MiB]\n0, Tesla T4, 00000000:00:1E.0, 15360 MiB, 1032 MiB\n");
        var tool = ToolScript.Write(
            Path.Combine(folder.Path, "nvidia-smi"),
            $"if [ \"$1\" = \"-q\" ]; then echo 'Option -x unknown'; exit 1; fi\ncat '{csv}'");

        var result = await Reader(tool).ReadAsync(CancellationToken.None).WithTimeout();

        var gpu = Assert.Single(result.Gpus);
        Assert.Equal("Tesla T4", gpu.Name);
        Assert.Equal(1032L * 1024 * 1024, gpu.MemoryUsedBytes);
    }

    [Fact]
    public async Task Read_ToolHangs_IsKilledAtTheTimeoutWithoutFallback()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Hang(Path.Combine(folder.Path, "nvidia-smi"));

        var watch = Stopwatch.StartNew();
        var result = await Reader(tool, timeoutSeconds: 1).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Failed, result.State);
        Assert.Contains("killed", result.Reason, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/nonexistent-folder-for-tests/nvidia-smi")]
    public async Task Read_ToolOffOrMissing_IsAbsent(string setting)
    {
        var result = await Reader(setting).ReadAsync(CancellationToken.None).WithTimeout();

        Assert.Equal(VendorReadState.Absent, result.State);
        Assert.Empty(result.Gpus);
    }

    // The hang test needs a short timeout; the others get one a loaded machine cannot run out of while starting a script
    // (with 1 s, the dual report once came back "killed" at the start of a full run).
    private static NvidiaSmiReader Reader(string tool, int timeoutSeconds = 10) =>
        new(new ProcessRunner(), Options.Create(new GpuOptions { NvidiaSmi = tool, NvidiaTimeoutSeconds = timeoutSeconds }));
}
