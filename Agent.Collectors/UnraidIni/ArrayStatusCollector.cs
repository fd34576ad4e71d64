using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>Publishes <c>array_status_update</c> from <c>var.ini</c>, <c>disks.ini</c> and statfs of the user shares.</summary>
internal sealed class ArrayStatusCollector : EmhttpCollector
{
    private readonly TimeSpan _interval;
    private readonly string _userShares;
    private readonly IUserShareSpace _space;

    // Only the collector loop touches this: the last whole disks.ini, used while a newer one is being rewritten.
    private IniDocument? _lastDisks;

    public ArrayStatusCollector(
        CollectorContext context,
        EmhttpSources sources,
        IUserShareSpace space,
        IOptions<IntervalsOptions> intervals,
        IOptions<SourcePathsOptions> paths)
        : base("array", context, sources, intervals.Value, EmhttpFiles.Var, EmhttpFiles.Disks)
    {
        _interval = IntervalsOptions.ToInterval(intervals.Value.Array);
        _userShares = paths.Value.UserShares;
        _space = space;
    }

    /// <inheritdoc/>
    protected override TimeSpan Interval => _interval;

    /// <inheritdoc/>
    protected override async Task<string?> CollectFromFolderAsync(CancellationToken cancellationToken)
    {
        var var = await Reader.ReadAsync(EmhttpFiles.Var, ArrayStatusMapper.IsComplete, cancellationToken).ConfigureAwait(false);
        if (var.Document is null)
        {
            return Problem(EmhttpFiles.Var, var.Status);
        }

        var disks = await Reader.ReadAsync(EmhttpFiles.Disks, DiskListMapper.IsComplete, cancellationToken).ConfigureAwait(false);
        _lastDisks = disks.Status switch
        {
            IniReadStatus.Complete => disks.Document,
            IniReadStatus.Missing => null,
            _ => _lastDisks,
        };

        // A stopped array has no user share mount; measuring the bare folder would report the root file system.
        var space = var.Document.Global.Is("mdState", "STARTED") ? _space.Measure(_userShares) : null;
        Publisher.Publish(TopicCatalog.ArrayStatusUpdate, ArrayStatusMapper.Map(var.Document, _lastDisks, space, Time.GetLocalNow()));
        return null;
    }
}
