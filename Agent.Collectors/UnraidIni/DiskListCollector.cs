using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>Publishes <c>disk_list_update</c> from <c>disks.ini</c> alone: no device node, SMART call or sysfs read.</summary>
internal sealed class DiskListCollector(
    CollectorContext context,
    EmhttpSources sources,
    IOptions<IntervalsOptions> intervals)
    : EmhttpCollector("disks", context, sources, intervals.Value, EmhttpFiles.Disks)
{
    private readonly TimeSpan _interval = IntervalsOptions.ToInterval(intervals.Value.Disks);

    /// <inheritdoc/>
    protected override TimeSpan Interval => _interval;

    /// <inheritdoc/>
    protected override async Task<string?> CollectFromFolderAsync(CancellationToken cancellationToken)
    {
        var disks = await Reader.ReadAsync(EmhttpFiles.Disks, DiskListMapper.IsComplete, cancellationToken).ConfigureAwait(false);
        if (disks.Document is null)
        {
            return Problem(EmhttpFiles.Disks, disks.Status);
        }

        Publisher.Publish(TopicCatalog.DiskListUpdate, DiskListMapper.Map(disks.Document, Time.GetLocalNow()));
        return null;
    }
}
