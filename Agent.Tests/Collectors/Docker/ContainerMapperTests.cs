using Agent.Collectors.Docker;
using Agent.Tests.Support;
using Docker.DotNet.Models;

namespace Agent.Tests.Collectors.Docker;

public sealed class ContainerMapperTests
{
    private const string ListFixture = "containers-json-all_watchtower_exited-and-running.json";
    private static readonly DateTimeOffset s_now = new(2019, 4, 16, 22, 38, 24, TimeSpan.Zero);

    [SharedFixturesFact]
    public void Map_CapturedList_KeepsStatesNamesAndImages()
    {
        var list = DockerFixtureJson.Read<List<ContainerListResponse>>(ListFixture);

        var mapped = list.Select(c => ContainerMapper.Map(c, null, null, s_now)).ToList();

        Assert.Equal(["watchtower-stopped", "watchtower-running", "portainer", "portainer"], mapped.Select(c => c.Name));
        Assert.Equal(["exited", "running", "running", "restarting"], mapped.Select(c => c.State));
        Assert.Equal("Exited (1) 6 days ago", mapped[0].Status);
        Assert.Equal("Restarting (0) 35 seconds ago", mapped[3].Status);
        Assert.All(mapped, c => Assert.Equal(12, c.Id.Length));
        Assert.Equal(("containrrr/watchtower", "latest"), (mapped[0].Image, mapped[0].Version));
        Assert.Equal("default", mapped[2].NetworkMode);
        Assert.Equal("192.0.2.2", mapped[2].IpAddress);
        Assert.Equal("", mapped[0].IpAddress);
        Assert.Equal("none", mapped[2].Health);
    }

    [SharedFixturesFact]
    public void Map_CapturedListWithPublishedPort_ListsOnePortMapping()
    {
        var list = DockerFixtureJson.Read<List<ContainerListResponse>>(ListFixture);

        var portainer = ContainerMapper.Map(list[2], null, null, s_now);

        var port = Assert.Single(portainer.Ports);
        Assert.Equal((9000, 9000, "tcp"), (port.PrivatePort, port.PublicPort, port.Type));
    }

    [SharedFixturesFact]
    public void Map_CapturedInspectOfRunningContainer_GivesPolicyAndUptime()
    {
        var list = DockerFixtureJson.Read<List<ContainerListResponse>>(ListFixture);
        var inspect = DockerFixtureJson.Read<ContainerInspectResponse>("container-inspect_running_watchtower.json");

        var portainer = ContainerMapper.Map(list[2], inspect, null, s_now);

        Assert.Equal("always", portainer.RestartPolicy);
        Assert.Equal(0, portainer.RestartCount);
        Assert.Equal("2d 23h 59m", portainer.Uptime);
    }

    [SharedFixturesFact]
    public void Map_CapturedHealthyInspect_ReportsHealthy()
    {
        var inspect = DockerFixtureJson.Read<ContainerInspectResponse>("container-inspect_running-healthy_gluetun_watchtower.json");
        var listed = new ContainerListResponse { ID = inspect.ID, Names = [inspect.Name], Image = inspect.Config!.Image, State = "running" };

        var gluetun = ContainerMapper.Map(listed, inspect, null, s_now);

        Assert.Equal("healthy", gluetun.Health);
        Assert.Equal(("qmcgaw/gluetun", "latest"), (gluetun.Image, gluetun.Version));
        Assert.Equal("wt-contnet-producer-1", gluetun.Name);
        Assert.Equal("no", gluetun.RestartPolicy);
        Assert.Equal("192.0.2.18", gluetun.IpAddress);
    }

    [SharedFixturesFact]
    public void Map_InspectWithRestartingFlagButExitedStatus_TrustsStatus()
    {
        var inspect = DockerFixtureJson.Read<ContainerInspectResponse>("container-inspect_restarting-flag_watchtower.json");
        var listed = new ContainerListResponse { ID = inspect.ID, Names = [inspect.Name], Image = inspect.Config!.Image };

        var container = ContainerMapper.Map(listed, inspect, null, s_now);

        Assert.True(inspect.State!.Restarting);
        Assert.Equal("exited", container.State);
        Assert.Equal("", container.Uptime);
        Assert.Equal("unknown", container.Status);
    }

    [Theory]
    [InlineData("nginx", "nginx", "latest")]
    [InlineData("nginx:1.27", "nginx", "1.27")]
    [InlineData("registry.local:5000/team/app", "registry.local:5000/team/app", "latest")]
    [InlineData("registry.local:5000/team/app:v2", "registry.local:5000/team/app", "v2")]
    [InlineData("app@sha256:abcd", "app", "sha256:abcd")]
    [InlineData("sha256:4d529b71403463e7", "sha256:4d529b71403463e7", "")]
    [InlineData("", "", "")]
    public void SplitImage_References_SeparatesTag(string reference, string image, string tag)
    {
        var split = ContainerMapper.SplitImage(reference);

        Assert.Equal((image, tag), split);
    }

    [Theory]
    [InlineData("2019-04-13T22:38:24Z", "3d 0h 0m")]
    [InlineData("2019-04-16T18:26:00Z", "4h 12m")]
    [InlineData("2019-04-16T22:38:00Z", "0m")]
    [InlineData("0001-01-01T00:00:00Z", "")]
    [InlineData("", "")]
    public void Uptime_StartTimes_FormatsDaysHoursMinutes(string startedAt, string expected)
    {
        var uptime = ContainerMapper.Uptime(startedAt, s_now);

        Assert.Equal(expected, uptime);
    }

    [Theory]
    [InlineData("healthy", "healthy")]
    [InlineData("unhealthy", "unhealthy")]
    [InlineData("starting", "starting")]
    [InlineData("none", "none")]
    [InlineData(null, "none")]
    public void Health_Verdicts_MapToContract(string? status, string expected)
    {
        Assert.Equal(expected, ContainerMapper.Health(status));
    }
}
