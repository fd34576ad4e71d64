using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>apcupsd: one UPS per daemon, read with the NIS <c>status</c> request.</summary>
internal sealed class ApcupsdSource(ApcupsdNisClient client) : IUpsSource
{
    public string Backend => UpsBackends.Apcupsd;

    public string Address => client.Address.ToString();

    public async Task<IReadOnlyList<UpsStatus>> ReadAsync(DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var lines = await client.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        var records = ApcupsdStatusParser.ParseRecords(lines);

        // apcupsd always sends STATUS, COMMLOST included; a reply without it is someone else's protocol or an error line.
        if (!records.ContainsKey("STATUS"))
        {
            var first = lines.Count > 0 ? lines[0] : "";
            throw new UpsProtocolException(
                $"apcupsd's reply holds no STATUS record (first line '{(first.Length > 60 ? first[..60] : first)}').");
        }

        return [ApcupsdStatusParser.ToStatus(records, timestamp)];
    }
}
