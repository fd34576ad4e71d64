using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>Publishes <c>share_list_update</c> from <c>shares.ini</c>, with export flags from <c>sec.ini</c> and <c>sec_nfs.ini</c>.</summary>
internal sealed class ShareListCollector(
    CollectorContext context,
    EmhttpSources sources,
    IOptions<IntervalsOptions> intervals,
    IOptions<SourcePathsOptions> paths)
    : EmhttpCollector("shares", context, sources, intervals.Value, EmhttpFiles.Shares, EmhttpFiles.SmbSecurity, EmhttpFiles.NfsSecurity)
{
    private readonly TimeSpan _interval = IntervalsOptions.ToInterval(intervals.Value.Shares);
    private readonly string _userShares = paths.Value.UserShares;

    /// <inheritdoc/>
    protected override TimeSpan Interval => _interval;

    /// <inheritdoc/>
    protected override async Task<string?> CollectFromFolderAsync(CancellationToken cancellationToken)
    {
        var shares = await Reader.ReadAsync(EmhttpFiles.Shares, ShareListMapper.IsComplete, cancellationToken).ConfigureAwait(false);
        if (shares.Document is null)
        {
            return Problem(EmhttpFiles.Shares, shares.Status);
        }

        // The export files are optional: without them every share reads as not exported.
        var smb = await Reader.ReadAsync(EmhttpFiles.SmbSecurity, static d => !d.IsTruncated, cancellationToken).ConfigureAwait(false);
        var nfs = await Reader.ReadAsync(EmhttpFiles.NfsSecurity, static d => !d.IsTruncated, cancellationToken).ConfigureAwait(false);
        var list = ShareListMapper.Map(shares.Document, smb.Document, nfs.Document, _userShares, Time.GetLocalNow());
        Publisher.Publish(TopicCatalog.ShareListUpdate, list);
        return null;
    }
}
