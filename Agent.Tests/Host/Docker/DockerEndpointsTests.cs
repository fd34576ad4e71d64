using System.Net;
using System.Text.Json;
using Agent.Tests.Collectors.Docker;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Docker;

[Collection(DockerCollection.Name)]
public sealed class DockerEndpointsTests(DockerDaemonFixture docker)
{
    private const int ActionHandledEventId = 1250;

    [DockerDaemonFact]
    public async Task PostAction_EveryAction_ChangesStateAsDockerInspectSays()
    {
        var name = DockerDaemonFixture.UniqueName("act");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();
        var startedBefore = (await docker.InspectAsync(name)).GetProperty("State").GetProperty("StartedAt").GetString();

        var steps = new List<(string Action, HttpStatusCode Status, string State)>();
        var transitions = new[] { ("stop", "exited"), ("start", "running"), ("pause", "paused"), ("unpause", "running"), ("restart", "running") };
        foreach (var (action, expected) in transitions)
        {
            using var response = await PostAsync(client, name, action);
            steps.Add((action, response.StatusCode, await docker.StateAsync(name)));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(body.RootElement.GetProperty("success").GetBoolean());
            Assert.Contains(name, body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.False(body.RootElement.TryGetProperty("error", out _));
            Assert.True(DateTimeOffset.TryParse(body.RootElement.GetProperty("timestamp").GetString(), out _));
            Assert.Equal(expected, steps[^1].State);
        }

        var startedAfter = (await docker.InspectAsync(name)).GetProperty("State").GetProperty("StartedAt").GetString();
        Assert.All(steps, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.NotEqual(startedBefore, startedAfter);
    }

    [DockerDaemonFact]
    public async Task PostStart_AlreadyRunning_Answers200WithoutChange()
    {
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var response = await PostAsync(client, DockerDaemonFixture.Healthy, "start");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already running", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("running", await docker.StateAsync(DockerDaemonFixture.Healthy));
    }

    [DockerDaemonFact]
    public async Task PostStop_AlreadyStopped_Answers200()
    {
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var response = await PostAsync(client, DockerDaemonFixture.Exited, "stop");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already stopped", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DockerDaemonFact]
    public async Task PostPause_ExitedContainer_Answers409WithError()
    {
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var response = await PostAsync(client, DockerDaemonFixture.Exited, "pause");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains("exited", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("message", out _));
        Assert.Equal("exited", await docker.StateAsync(DockerDaemonFixture.Exited));
    }

    [DockerDaemonFact]
    public async Task PostAction_ByFullAndShortId_FindsTheContainer()
    {
        var fullId = (await docker.InspectAsync(DockerDaemonFixture.Paused)).GetProperty("Id").GetString()!;
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var byFull = await PostAsync(client, fullId, "pause");
        using var byShort = await PostAsync(client, fullId[..12], "pause");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byFull.StatusCode, byShort.StatusCode));
    }

    [DockerDaemonFact]
    public async Task PostAction_UnknownOrMalformed_Answers404Or400()
    {
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var unknownName = await PostAsync(client, "uma-no-such-container", "start");
        using var unknownId = await PostAsync(client, "0123456789ab", "start");
        using var prefix = await PostAsync(client, "uma-healt", "start");
        using var malformed = await PostAsync(client, Uri.EscapeDataString("bad name!"), "start");
        using var shortHex = await PostAsync(client, "abc", "stop");
        using var action = await PostAsync(client, DockerDaemonFixture.Healthy, "explode");

        Assert.Equal(HttpStatusCode.NotFound, unknownName.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, prefix.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, shortHex.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, action.StatusCode);
        Assert.Contains("explode", await action.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [DockerDaemonFact]
    public async Task PostAction_ReadOnly_Answers403AndLeavesContainer()
    {
        await using var server = await docker.StartAgentAsync(("Agent:ReadOnly", "true"));
        using var client = server.CreateClient();

        using var response = await PostAsync(client, DockerDaemonFixture.Healthy, "stop");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("read-only", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("running", await docker.StateAsync(DockerDaemonFixture.Healthy));
    }

    [DockerDaemonFact]
    public async Task PostStop_Subscriber_SeesTheNewStateWithinOneSecond()
    {
        var name = DockerDaemonFixture.UniqueName("push");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();
        var recorder = new TopicRecorder();
        server.Topics.Subscribe(recorder);
        await recorder.WaitForAsync(l => l.Any(c => c.Name == name && c.State == "running"), TimeSpan.FromSeconds(10));

        using var response = await PostAsync(client, name, "stop");
        var answered = DateTime.UtcNow;
        var arrived = await recorder.WaitForAsync(l => l.Any(c => c.Name == name && c.State == "exited"), TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(arrived - answered < TimeSpan.FromSeconds(1), $"arrived {(arrived - answered).TotalMilliseconds:F0} ms after the reply");
    }

    [DockerDaemonFact]
    public async Task PostAction_Handled_LogsOneInformationLine()
    {
        await using var server = await docker.StartAgentAsync();
        using var client = server.CreateClient();

        using var response = await PostAsync(client, DockerDaemonFixture.Healthy, "start");

        var line = Assert.Single(server.Logs.WithId(ActionHandledEventId));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, line.Level);
        Assert.Contains("127.0.0.1", line.Message, StringComparison.Ordinal);
        Assert.Contains(DockerDaemonFixture.Healthy, line.Message, StringComparison.Ordinal);
        Assert.Contains("Succeeded", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAction_NoDaemon_Answers503()
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await PostAsync(client, "some-container", "start");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains("not reachable", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string id, string action) =>
        client.PostAsync(new Uri($"api/v1/docker/{id}/{action}", UriKind.Relative), content: null).WithTimeout();
}
