namespace Agent.Tests.Plugin;

/// <summary>The plugin tests share one run of the build script.</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageBuild>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Plugin package";
}
