using Agent.Collectors.Docker;
using Agent.Tests.Support;
using Docker.DotNet.Models;

namespace Agent.Tests.Collectors.Docker;

public sealed class DockerEventsTests
{
    [SharedFixturesFact]
    public void ChangesList_LegacyHealthStatusLine_IsAStateChange()
    {
        var message = Assert.Single(DockerFixtureJson.ReadLines<Message>("events_health-status-line_legacy-fields_2018.jsonl"));

        var changes = DockerEvents.ChangesList(message);

        Assert.True(changes);
        Assert.Equal("health_status", DockerEvents.ActionVerb(message.Action));
        Assert.Equal("f09004d33c08", ContainerMapper.ShortId(message.Actor.ID));
    }

    [Theory]
    [InlineData("container", "start", true)]
    [InlineData("container", "die", true)]
    [InlineData("container", "pause", true)]
    [InlineData("container", "health_status: unhealthy", true)]
    [InlineData("container", "exec_start: sh -c true", false)]
    [InlineData("container", "exec_die", false)]
    [InlineData("network", "connect", false)]
    [InlineData("image", "delete", false)]
    public void ChangesList_Actions_OnlyStateChangesCount(string type, string action, bool expected)
    {
        var message = new Message { Type = type, Action = action, Actor = new Actor { ID = "f09004d33c08" } };

        Assert.Equal(expected, DockerEvents.ChangesList(message));
    }
}
