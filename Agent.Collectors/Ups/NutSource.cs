using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>NUT's <c>upsd</c>: every UPS it lists, each with its own status.</summary>
internal sealed class NutSource(NutClient client) : IUpsSource
{
    public string Backend => UpsBackends.Nut;

    public string Address => client.Address.ToString();

    public async Task<IReadOnlyList<UpsStatus>> ReadAsync(DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var all = await client.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. all.Select(ups => ups.Variables is { } variables
                ? NutStatusParser.ToStatus(ups.Name, variables, timestamp)
                : NutStatusParser.Unreachable(ups.Name, timestamp)),
        ];
    }
}
