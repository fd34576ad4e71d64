using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Ups;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Collectors.Ups;

/// <summary>Starting the real host with only the UPS collector on, and reading what it did.</summary>
internal static class UpsHostHelpers
{
    /// <summary>
    /// A host polling every second. The timeouts leave room for a busy machine; fault tests shorten them with
    /// <paramref name="more"/>.
    /// </summary>
    public static Task<AgentServer> StartAsync(string backend, string? apcupsd = null, string? nut = null, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Agent:Intervals:Ups"] = "1",
            ["Agent:Ups:Backend"] = backend,
            ["Agent:Ups:ConnectTimeout"] = "00:00:02",
            ["Agent:Ups:ReadTimeout"] = "00:00:03",
        };
        if (apcupsd is not null)
        {
            settings["Agent:Ups:Apcupsd"] = apcupsd;
        }

        if (nut is not null)
        {
            settings["Agent:Ups:Nut"] = nut;
        }

        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return AgentServer.StartAsync(settings);
    }

    public static SourceHealth Health(this AgentServer server) =>
        server.Services.GetRequiredService<SourceHealthRegistry>().Get(TopicCatalog.Groups.Ups);

    public static UpsStatus? LatestUps(this AgentServer server) =>
        server.Topics.GetLatest(TopicCatalog.UpsStatusUpdate)?.Payload as UpsStatus;

    public static long UpsRuns(this AgentServer server) =>
        server.Services.GetRequiredService<CollectorStatistics>().Snapshot().FirstOrDefault(f => f.Name == "ups")?.Runs ?? 0;

    public static Task WaitForStateAsync(this AgentServer server, string state) =>
        TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(server.Health().State == state),
            because: $"the ups source should become {state}; it is {server.Health().State}");

    /// <summary>Waits until the collector has polled <paramref name="more"/> more times.</summary>
    public static async Task WaitForPollsAsync(this AgentServer server, int more)
    {
        var target = server.UpsRuns() + more;
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(server.UpsRuns() >= target), because: "the collector should keep polling");
    }
}
