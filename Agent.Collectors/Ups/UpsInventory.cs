using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>
/// Every UPS of the last answer (NUT may serve several), for <c>/api/v1/ups?all=true</c> and the snapshot. The topic
/// itself carries only one of them: the configured <c>Agent:Ups:NutUps</c>, or the first the daemon lists.
/// </summary>
public sealed class UpsInventory
{
    private volatile IReadOnlyList<UpsStatus> _all = [];

    /// <summary>Every UPS of the last collection, in the daemon's order; empty before the first answer.</summary>
    public IReadOnlyList<UpsStatus> All => _all;

    internal void Replace(IReadOnlyList<UpsStatus> all) => _all = all;
}
