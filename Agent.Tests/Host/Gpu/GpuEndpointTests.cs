using System.Net;
using System.Text.Json;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Gpu;
using Agent.Contracts.Topics;
using Agent.Tests.Collectors.Gpu;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Host.Gpu;

public sealed class GpuEndpointTests
{
    private const int SourceAbsentEventId = 2002;
    private const int VendorFailedEventId = 2252;

    [SharedFixturesFact]
    public async Task Gpu_MixedFourGpuServer_ServesFourEntriesInStableOrder()
    {
        using var folder = new TempFolder();
        var settings = MixedServer(folder, nvidia: ToolScript.Cat(
            Path.Combine(folder.Path, "bin", "nvidia-smi"),
            TestPaths.Shared("nvidia", "xml", "dual-rtx-2070_590.44.01_v13.xml")));
        await using var server = await AgentServer.StartAsync(settings);
        using var client = server.CreateClient();

        var first = await NextPublicationAsync(server, after: 0);
        var second = await NextPublicationAsync(server, after: first.Sequence);
        using var response = await client.GetAsync(new Uri("api/v1/gpu", UriKind.Relative)).WithTimeout();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = body.RootElement.EnumerateArray().ToList();
        Assert.Equal([0, 1, 2, 3], entries.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal(["nvidia", "nvidia", "intel", "amd"], entries.Select(e => e.GetProperty("vendor").GetString()));
        Assert.Equal(
            ["00000000:01:00.0", "00000000:02:00.0", GpuFixtureTree.IntelSlot, GpuFixtureTree.AmdSlot],
            entries.Select(e => e.GetProperty("pci_id").GetString()));
        Assert.All(entries, e => Assert.True(e.GetProperty("available").GetBoolean()));
        Assert.Equal(JsonValueKind.Number, entries[0].GetProperty("memory_total_bytes").ValueKind);
        Assert.Equal(8_589_934_592L, entries[0].GetProperty("memory_total_bytes").GetInt64());
        Assert.Equal(11.82, entries[1].GetProperty("power_draw_watts").GetDouble());
        Assert.Equal(8_573_157_376L, entries[3].GetProperty("memory_total_bytes").GetInt64());
        Assert.Equal(Identity(first), Identity(second));
        Assert.Equal(TopicCatalog.Groups.Gpu, second.Topic.Group);
        Assert.Equal("healthy", server.Services.GetRequiredService<SourceHealthRegistry>().Get("gpu").State);
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [SharedFixturesFact]
    public async Task Gpu_NvidiaToolHangs_IsKilledAndOtherVendorsStillReport()
    {
        using var folder = new TempFolder();
        var settings = MixedServer(folder, nvidia: ToolScript.Hang(Path.Combine(folder.Path, "bin", "nvidia-smi")));
        await using var server = await AgentServer.StartAsync(settings);

        var first = await NextPublicationAsync(server, after: 0);
        var second = await NextPublicationAsync(server, after: first.Sequence);

        var gpus = (IReadOnlyList<GpuStatus>)second.Payload;
        Assert.Equal(["intel", "amd"], gpus.Select(g => g.Vendor));
        Assert.Equal([0, 1], gpus.Select(g => g.Index));
        Assert.All(gpus, g => Assert.True(g.Available));
        Assert.Equal("degraded", server.Services.GetRequiredService<SourceHealthRegistry>().Get("gpu").State);
        Assert.Single(server.Logs.WithId(VendorFailedEventId));
        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
    }

    [Fact]
    public async Task Gpu_NoGpuAtAll_Answers404AndLogsAbsenceOnce()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?>
        {
            ["Agent:Intervals:Gpu"] = "1",
            ["Agent:Gpu:NvidiaSmi"] = "",
            ["Agent:Gpu:IntelGpuTop"] = "",
            ["Agent:Paths:Sys"] = Path.Combine(folder.Path, "sys"),
        };
        await using var server = await AgentServer.StartAsync(settings);
        var statistics = server.Services.GetRequiredService<CollectorStatistics>();
        using var client = server.CreateClient();

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(statistics.Snapshot().Any(f => f.Name == "gpu" && f.Runs >= 2)),
            because: "the GPU collector must poll twice");
        using var response = await client.GetAsync(new Uri("api/v1/gpu", UriKind.Relative)).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(server.Topics.GetLatest(TopicCatalog.GpuMetricsUpdate));
        Assert.Single(server.Logs.WithId(SourceAbsentEventId), r => r.Message.Contains("gpu", StringComparison.Ordinal));
    }

    private static Dictionary<string, string?> MixedServer(TempFolder folder, string nvidia)
    {
        var sys = Path.Combine(folder.Path, "sys");
        GpuFixtureTree.AddIntelCard(folder, sys, "card0");
        GpuFixtureTree.AddSharedAmdCard(sys, "card1");
        GpuFixtureTree.AddNvidiaDrmCard(folder, sys, "card2");
        var intel = ToolScript.Cat(
            Path.Combine(folder.Path, "bin", "intel_gpu_top"),
            TestPaths.Shared("intel", "netdata_igt_single-sample_with-clients.json"));
        return new Dictionary<string, string?>
        {
            ["Agent:Intervals:Gpu"] = "1",
            ["Agent:Gpu:NvidiaSmi"] = nvidia,
            ["Agent:Gpu:NvidiaTimeoutSeconds"] = "1",
            ["Agent:Gpu:IntelGpuTop"] = intel,
            ["Agent:Gpu:IntelSampleMilliseconds"] = "2000",
            ["Agent:Paths:Sys"] = sys,
        };
    }

    private static async Task<Publication> NextPublicationAsync(AgentServer server, long after)
    {
        Publication? found = null;
        await TaskTimeoutExtensions.EventuallyAsync(
            () =>
            {
                found = server.Topics.GetLatest(TopicCatalog.GpuMetricsUpdate);
                return Task.FromResult(found is not null && found.Sequence > after);
            },
            because: "the GPU collector must publish");
        return found!;
    }

    private static List<string> Identity(Publication publication) =>
        [.. ((IReadOnlyList<GpuStatus>)publication.Payload).Select(g => $"{g.Index}:{g.Vendor}:{g.PciId}")];
}
