using System.Net;
using System.Text.Json;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Ups;

[Collection(UpsDaemonsCollection.Name)]
public sealed class UpsEndpointsTests(NutDaemonFixture nut)
{
    [UpsDaemonFact]
    public async Task GetUps_NutWithSeveralUps_AnswersTheConfiguredOneWithWireTypes()
    {
        await using var server = await StartNutAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/ups", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(NutDaemonFixture.LiveUps, body.GetProperty("name").GetString());
        Assert.Equal("nut", body.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.True, body.GetProperty("connected").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("status").ValueKind);
        Assert.Equal(JsonValueKind.String, body.GetProperty("timestamp").ValueKind);
        Assert.True(body.GetProperty("runtime_left_seconds").TryGetInt64(out _));
        string[] numbers =
        [
            "load_percent", "battery_charge_percent", "power_watts", "nominal_power_watts", "input_voltage", "output_voltage", "battery_voltage",
        ];
        foreach (var key in numbers)
        {
            Assert.Equal(JsonValueKind.Number, body.GetProperty(key).ValueKind);
        }
    }

    [UpsDaemonFact]
    public async Task GetUps_AllTrue_AnswersEveryUpsOfTheDaemon()
    {
        await using var server = await StartNutAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/ups?all=true", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = body.EnumerateArray().Select(u => u.GetProperty("name").GetString()).ToArray();
        Assert.Contains(NutDaemonFixture.LiveUps, names);
        Assert.Contains(NutDaemonFixture.SequenceUps, names);
        Assert.Equal(nut.DevFiles.Count + 3, names.Length);
        var missing = body.EnumerateArray().Single(u => u.GetProperty("name").GetString() == NutDaemonFixture.NoDriverUps);
        Assert.False(missing.GetProperty("connected").GetBoolean());
    }

    [UpsDaemonFact]
    public async Task GetSnapshot_NutWithSeveralUps_HoldsTheTopicAndAnArrayOfEveryUps()
    {
        await using var server = await StartNutAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/snapshot", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(NutDaemonFixture.LiveUps, body.GetProperty("ups_status_update").GetProperty("name").GetString());
        Assert.Equal(nut.DevFiles.Count + 3, body.GetProperty("ups").GetArrayLength());
    }

    [Fact]
    public async Task GetUps_NoDaemonAnswers_Answers404WithJsonErrorAlsoForAll()
    {
        await using var server = await UpsHostHelpers.StartAsync("apcupsd", apcupsd: $"127.0.0.1:{LoopbackPort.Free()}");
        await server.WaitForStateAsync(SourceHealthState.Unavailable);
        using var client = server.CreateClient();

        using var plain = await client.GetAsync(new Uri("api/v1/ups", UriKind.Relative)).WithTimeout();
        using var all = await client.GetAsync(new Uri("api/v1/ups?all=true", UriKind.Relative)).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, all.StatusCode);
        var error = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("ups", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetUps_CollectorDisabled_Answers503()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri("api/v1/ups?all=true", UriKind.Relative)).WithTimeout();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    // A flag without a value is no flag (the single-UPS answer, here 503); a value that is not a boolean is refused.
    [Theory]
    [InlineData("api/v1/ups?all", HttpStatusCode.ServiceUnavailable)]
    [InlineData("api/v1/ups?all=", HttpStatusCode.ServiceUnavailable)]
    [InlineData("api/v1/ups?all=yes", HttpStatusCode.BadRequest)]
    [InlineData("api/v1/ups?all=1", HttpStatusCode.BadRequest)]
    public async Task GetUps_AllEmptyOrNotBoolean_AnswersAsWithoutOrRefuses(string path, HttpStatusCode expected)
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).WithTimeout();

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<AgentServer> StartNutAsync()
    {
        var server = await UpsHostHelpers.StartAsync(
            "nut", nut: nut.Address, more: ("Agent:Ups:NutUps", NutDaemonFixture.LiveUps));
        await server.WaitForStateAsync(SourceHealthState.Healthy);
        return server;
    }
}
