using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.LoadTest;

public sealed class LoadTestAppTests
{
    private const int Cap = 10;
    private const int Publications = 6;

    private static readonly Dictionary<string, string?> s_capped = new() { ["Agent:MaxClients"] = "10" };

    [Theory]
    [InlineData("raw", 12)]
    [InlineData("raw", 20)]
    [InlineData("signalr-json", 12)]
    [InlineData("signalr-json", 20)]
    [InlineData("signalr-msgpack", 12)]
    [InlineData("signalr-msgpack", 20)]
    [InlineData("mixed", 12)]
    [InlineData("mixed", 20)]
    public async Task Run_MoreClientsThanCap_AcceptsCapRefusesRestAndDeliversEvenly(string transport, int clients)
    {
        await using var server = await AgentServer.StartAsync(s_capped);

        var outcome = await LoadTestHarness.RunAsync(
            server,
            [clients.ToString(System.Globalization.CultureInfo.InvariantCulture), "6", "--transport", transport],
            received => PublishInTurnAsync(server, received, Cap));

        var report = outcome.Report;
        Assert.True(outcome.ExitCode == 0, outcome.Printed);
        Assert.Equal(Cap, report.GetProperty("accepted").GetInt32());
        Assert.Equal(clients - Cap, report.GetProperty("refused").GetInt32());
        Assert.All(report.GetProperty("refusal_reasons").EnumerateObject(), r =>
            Assert.Contains("maximum connections reached (max_clients=10)", r.Name, StringComparison.Ordinal));
        Assert.Equal(Publications, report.GetProperty("per_client").GetProperty("min").GetDouble());
        Assert.Equal(Publications, report.GetProperty("per_client").GetProperty("max").GetDouble());
        Assert.Equal(0, report.GetProperty("per_client").GetProperty("variance").GetDouble());
        Assert.DoesNotContain(report.GetProperty("by_type").EnumerateArray(), t => t.GetProperty("type").GetString() == "unknown");
    }

    [Fact]
    public async Task Run_AgainstCap_AgentFiguresAgreeWithWhatToolSaw()
    {
        await using var server = await AgentServer.StartAsync(s_capped);

        var outcome = await LoadTestHarness.RunAsync(
            server,
            ["12", "5", "--transport", "mixed"],
            received => PublishInTurnAsync(server, received, Cap));

        var during = outcome.Report.GetProperty("agent_during");
        var after = outcome.Report.GetProperty("agent_after");
        Assert.Equal(Cap, during.GetProperty("current").GetInt32());
        Assert.Equal(Cap, during.GetProperty("accepted_total").GetInt64());
        Assert.Equal(2, during.GetProperty("rejected_total").GetInt64());
        Assert.Equal(Cap, during.GetProperty("max_clients").GetInt32());
        Assert.Equal(0, after.GetProperty("current").GetInt32());
        Assert.Equal(after.GetProperty("accepted_total").GetInt64(), after.GetProperty("disconnected_total").GetInt64());
        Assert.Contains("[PASS] cap held", outcome.Printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AgainstCap_MetricsAgreeWithWhatToolSaw()
    {
        await using var server = await AgentServer.StartAsync(s_capped);
        using var http = server.CreateClient();

        await LoadTestHarness.RunAsync(
            server,
            ["12", "4", "--transport", "signalr-json"],
            received => PublishInTurnAsync(server, received, Cap));
        var metrics = await http.GetStringAsync("metrics").WithTimeout();

        Assert.Contains("\numa_connections_accepted_total 10\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\numa_connections_rejected_total 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\numa_connections_disconnected_total 10\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\numa_connections_peak 10\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\numa_connections_max 10\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Soak_HealthyAgent_PassesWithBoundedFigures()
    {
        await using var server = await AgentServer.StartAsync(s_capped);
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var outcome = await LoadTestHarness.RunAsync(
            server,
            ["4", "20", "--transport", "mixed", "--soak", "--hold", "1", "--sample-every", "0.5", "--pid", pid]);

        Assert.True(outcome.ExitCode == 0, outcome.Printed);
        Assert.True(outcome.Report.GetProperty("samples").GetArrayLength() >= 30, outcome.Printed);
        Assert.True(outcome.Report.GetProperty("accepted").GetInt64() > 4, outcome.Printed);
    }

    // Each publication waits until every accepted client has it, so none is coalesced with the next one.
    internal static async Task PublishInTurnAsync(AgentServer server, Func<long> received, int accepted)
    {
        for (var i = 1; i <= Publications; i++)
        {
            switch (i % 3)
            {
                case 0:
                    server.Topics.Publish(TopicCatalog.SystemUpdate, Sample.System(cpuPercent: i));
                    break;
                case 1:
                    server.Topics.Publish(TopicCatalog.NetworkListUpdate, Sample.Network());
                    break;
                default:
                    server.Topics.Publish(TopicCatalog.UpsStatusUpdate, Sample.Ups());
                    break;
            }

            var expected = (long)accepted * i;
            await TaskTimeoutExtensions.EventuallyAsync(
                () => Task.FromResult(received() >= expected),
                because: $"publication {i} should reach {accepted} clients ({received()} of {expected} events)");
        }
    }
}
