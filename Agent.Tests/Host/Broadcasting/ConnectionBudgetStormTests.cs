using System.Globalization;
using System.Net.Http.Json;
using Agent.Contracts.Dtos.Connections;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using Agent.Tests.LoadTest;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Broadcasting;

public sealed class ConnectionBudgetStormTests
{
    private const int Cap = 10;

    private static readonly Dictionary<string, string?> s_capped = new() { ["Agent:MaxClients"] = "10" };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Budget_TwoHundredAtOnceOverRawAndHub_AdmitsExactlyCap(int round)
    {
        await using var server = await AgentServer.StartAsync(s_capped);

        var outcome = await LoadTestHarness.RunAsync(
            server,
            ["200", "8", "--transport", "mixed"],
            received => LoadTestAppTests.PublishInTurnAsync(server, received, Cap),
            TimeSpan.FromSeconds(60));

        var report = outcome.Report;
        Assert.True(report.GetProperty("accepted").GetInt32() == Cap, $"round {round}:\n{outcome.Printed}");
        Assert.Equal(190, report.GetProperty("refused").GetInt32());
        Assert.Equal(190, report.GetProperty("refusal_reasons").EnumerateObject()
            .Where(r => r.Name.Contains("maximum connections reached (max_clients=10)", StringComparison.Ordinal))
            .Sum(r => r.Value.GetInt32()));
        Assert.Equal(Cap, report.GetProperty("agent_during").GetProperty("peak").GetInt32());
        Assert.Equal(190, report.GetProperty("agent_during").GetProperty("rejected_total").GetInt64());
        Assert.True(outcome.ExitCode == 0, outcome.Printed);
    }

    [Fact]
    public async Task Budget_TwentyConnectDisconnectCycles_ReturnsToZero()
    {
        await using var server = await AgentServer.StartAsync(s_capped);
        using var http = server.CreateClient();

        for (var cycle = 0; cycle < 20; cycle++)
        {
            var raws = await Task.WhenAll(Enumerable.Range(0, Cap / 2).Select(_ => RawSocket.ConnectAsync(server)));
            var hubs = Enumerable.Range(0, Cap / 2).Select(i => HubClients.Create(server, messagePack: i % 2 == 0)).ToArray();
            await Task.WhenAll(hubs.Select(h => h.StartAsync()));
            await Task.WhenAll(hubs.Select(h => h.InvokeAsync("Subscribe", new[] { TopicCatalog.Groups.System }))).WithTimeout();
            Assert.Equal(Cap, (await FiguresAsync(http)).Current);

            await EndAsync(cycle, raws, hubs);
            await WaitForZeroAsync(http, cycle);
        }

        var figures = await FiguresAsync(http);
        Assert.Equal(0, figures.Current);
        Assert.Equal(0, figures.AcceptedTotal - figures.DisconnectedTotal);
        Assert.Equal(20 * Cap, figures.AcceptedTotal);
        Assert.Equal(0, figures.RejectedTotal);
    }

    // Even cycles close politely; odd cycles abort the raw sockets and drop the hub connections without a close.
    private static async Task EndAsync(int cycle, RawSocket[] raws, HubConnection[] hubs)
    {
        if (cycle % 2 == 0)
        {
            await Task.WhenAll(raws.Select(r => r.DisposeAsync().AsTask())).WithTimeout();
            await Task.WhenAll(hubs.Select(h => h.StopAsync())).WithTimeout();
        }
        else
        {
            foreach (var raw in raws)
            {
                raw.Socket.Abort();
                await raw.DisposeAsync();
            }
        }

        await Task.WhenAll(hubs.Select(h => h.DisposeAsync().AsTask())).WithTimeout();
    }

    private static Task WaitForZeroAsync(HttpClient http, int cycle) =>
        TaskTimeoutExtensions.EventuallyAsync(
            async () => (await FiguresAsync(http)).Current == 0,
            because: string.Create(CultureInfo.InvariantCulture, $"every slot should be free after cycle {cycle}"));

    private static async Task<ConnectionFigures> FiguresAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<ConnectionFigures>("api/v1/connections", AgentJson.Options).WithTimeout())!;
}
