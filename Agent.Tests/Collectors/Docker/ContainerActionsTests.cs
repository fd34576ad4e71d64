using Agent.Collectors.Docker;

namespace Agent.Tests.Collectors.Docker;

public sealed class ContainerActionsTests
{
    [Theory]
    [InlineData("3d88e0e35432", true)]
    [InlineData("3d88e0e354326b67ab1e8a8d1c6e2b8f9d7c5a4b3e2f1d0c9b8a7f6e5d4c3b2a", true)]
    [InlineData("plex", true)]
    [InlineData("binhex-qbittorrentvpn", true)]
    [InlineData("my_app.1", true)]
    [InlineData("bad name!", false)]
    [InlineData("-leading-dash", false)]
    [InlineData("", false)]
    [InlineData("../etc", false)]
    public void IsWellFormed_IdsAndNames_AcceptsOnlyDockerShapes(string idOrName, bool expected)
    {
        Assert.Equal(expected, ContainerActions.IsWellFormed(idOrName));
    }
}
