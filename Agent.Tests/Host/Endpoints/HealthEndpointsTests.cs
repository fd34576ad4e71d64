using System.Net;
using System.Text.Json;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Endpoints;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Health_RealKestrel_AnswersOk()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/health", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetSnapshot_SeveralSources_ListsEverySourceStatus()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/snapshot", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var sources = body.GetProperty("sources").EnumerateArray().ToDictionary(
            s => s.GetProperty("subsystem").GetString()!,
            s => s.GetProperty("state").GetString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("disabled", sources["system"]);
        Assert.Equal("disabled", sources["ups"]);
        Assert.True(sources.Count >= 5, string.Join(", ", sources.Keys));
    }

    [Fact]
    public async Task Snapshot_BeforeFirstCollection_Answers503WithJsonError()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/system", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("system_update", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
