namespace Agent.Tests.Collectors.Docker;

/// <summary>The tests that share one private dockerd; xunit runs them one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerDaemonFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "docker daemon";
}
