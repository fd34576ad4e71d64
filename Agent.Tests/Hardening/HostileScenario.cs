using System.Text.Json;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Hardening;

/// <summary>
/// Runs an attack with two bystanders connected: a warm-up round, then several measured rounds; afterwards the
/// bystanders still receive every event, every slot but theirs is free, nothing above Warning was logged, and the
/// managed heap is back near its level before.
/// </summary>
public static class HostileScenario
{
    // Allows for what the measured rounds legitimately leave behind (the test log collector keeps every record).
    private const long MemoryToleranceBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan s_slotTimeout = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(Func<AgentServer, Task> attack, IReadOnlyDictionary<string, string?>? settings = null, int rounds = 8)
    {
        await using var server = await AgentServer.StartAsync(settings);
        await using var bystanders = await Bystanders.ConnectAsync(server);
        await bystanders.AssertEveryEventAsync();
        await attack(server);
        await WaitForSlotsAsync(server, Bystanders.Count);
        var before = SettledHeapBytes();

        for (var i = 0; i < rounds; i++)
        {
            await attack(server);
        }

        await WaitForSlotsAsync(server, Bystanders.Count);
        await bystanders.AssertEveryEventAsync();
        var after = SettledHeapBytes();

        Assert.Empty(server.Logs.AtOrAbove(LogLevel.Error));
        Assert.True(after - before < MemoryToleranceBytes, $"managed heap grew by {(after - before) / 1024} KiB over {rounds} rounds.");
    }

    /// <summary>Waits until <c>/api/v1/connections</c> reports <paramref name="expected"/> open connections.</summary>
    public static async Task WaitForSlotsAsync(AgentServer server, int expected)
    {
        using var client = server.CreateClient();
        await TaskTimeoutExtensions.EventuallyAsync(
            async () =>
            {
                var json = await client.GetStringAsync("api/v1/connections");
                return JsonDocument.Parse(json).RootElement.GetProperty("current").GetInt32() == expected;
            },
            s_slotTimeout,
            $"the offender's connection slot was not released (expected {expected} open).");
    }

    private static long SettledHeapBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
