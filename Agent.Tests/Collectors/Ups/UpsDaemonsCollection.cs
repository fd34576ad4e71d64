namespace Agent.Tests.Collectors.Ups;

/// <summary>The real NUT and apcupsd daemons, started once for every test that needs them.</summary>
[CollectionDefinition(Name)]
public sealed class UpsDaemonsCollection : ICollectionFixture<NutDaemonFixture>, ICollectionFixture<ApcupsdDaemonFixture>
{
    public const string Name = "UPS daemons";
}
