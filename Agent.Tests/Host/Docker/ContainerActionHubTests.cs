using System.Text.Json;
using Agent.Contracts.Dtos.Containers;
using Agent.Tests.Collectors.Docker;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace Agent.Tests.Host.Docker;

/// <summary>The hub's ContainerAction answers like the REST route, from the .NET and the npm client.</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerActionHubTests(DockerDaemonFixture docker)
{
    [DockerDaemonFact]
    public async Task ContainerAction_DotNetClient_StopsAndStartsContainer()
    {
        var name = DockerDaemonFixture.UniqueName("hubact");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();
        await using var hub = HubClients.Create(server, messagePack: true);
        await hub.StartAsync().WithTimeout();

        var stopped = await hub.InvokeAsync<ContainerActionResult>("ContainerAction", name, "stop").WithTimeout(TimeSpan.FromSeconds(20));
        var stateAfterStop = await docker.StateAsync(name);
        var started = await hub.InvokeAsync<ContainerActionResult>("ContainerAction", name, "start").WithTimeout(TimeSpan.FromSeconds(20));
        var stateAfterStart = await docker.StateAsync(name);
        var unknown = await hub.InvokeAsync<ContainerActionResult>("ContainerAction", "no-such-container", "stop").WithTimeout();

        Assert.True(stopped.Success, stopped.Error);
        Assert.Equal("exited", stateAfterStop);
        Assert.True(started.Success, started.Error);
        Assert.Equal("running", stateAfterStart);
        Assert.False(unknown.Success);
        Assert.False(string.IsNullOrEmpty(unknown.Error));
    }

    [DockerDaemonFact]
    public async Task ContainerAction_ReadOnlyAgent_RefusesOverHub()
    {
        var name = DockerDaemonFixture.UniqueName("hubro");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync(("Agent:ReadOnly", "true"));
        await using var hub = HubClients.Create(server, messagePack: false);
        await hub.StartAsync().WithTimeout();

        var result = await hub.InvokeAsync<ContainerActionResult>("ContainerAction", name, "stop").WithTimeout();

        Assert.False(result.Success);
        Assert.Contains("read-only", result.Error, StringComparison.Ordinal);
        Assert.Equal("running", await docker.StateAsync(name));
    }

    [DockerDaemonFact]
    public async Task ContainerAction_NpmClient_PausesContainer()
    {
        var name = DockerDaemonFixture.UniqueName("npmact");
        await docker.RunStoppableAsync(name);
        await using var server = await docker.StartAgentAsync();

        await using var node = NodeScript.Start("container-action.mjs", server.Http("hubs/agent").ToString(), "json", name, "pause");
        var answer = JsonDocument.Parse(await node.ReadLineAsync()).RootElement;

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        Assert.True(DateTimeOffset.TryParse(answer.GetProperty("timestamp").GetString(), out _));
        Assert.Equal("paused", await docker.StateAsync(name));
        await docker.Daemon.CliAsync("unpause", name);
    }
}
