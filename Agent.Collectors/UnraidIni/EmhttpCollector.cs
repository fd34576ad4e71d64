using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// What the array, disk and share collectors share: the <c>array</c> source health, the folder check that makes the
/// source unavailable off Unraid, and the watcher that wakes the collector when one of its files changes.
/// </summary>
/// <remarks>Unsealed: it is the base of the three emhttp collectors and of nothing else.</remarks>
internal abstract class EmhttpCollector : PollingCollector
{
    private readonly EmhttpProblems _problems;

    private readonly bool _allSwitchedOff;

    protected EmhttpCollector(
        string name,
        CollectorContext context,
        EmhttpSources sources,
        IntervalsOptions intervals,
        params string[] watchedFiles)
        : base(name, context.Health.Get(TopicCatalog.Groups.Array), context)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        _allSwitchedOff = new[] { intervals.Array, intervals.Disks, intervals.Shares }
            .All(seconds => IntervalsOptions.ToInterval(seconds) <= TimeSpan.Zero);
        var (reader, watcher, problems) = sources;
        _problems = problems;
        Reader = reader;
        Watcher = watcher;
        foreach (var file in watchedFiles)
        {
            watcher.Register(file, RequestCollection);
        }
    }

    /// <summary>The <c>array</c> source is disabled only when the array, disk and share collectors all are.</summary>
    protected override bool SourceDisabledWithCollector => _allSwitchedOff;

    /// <summary>Reads the emhttp files.</summary>
    protected EmhttpReader Reader { get; }

    /// <summary>The folder watcher.</summary>
    protected EmhttpWatcher Watcher { get; }

    /// <inheritdoc/>
    protected sealed override async Task CollectAsync(CancellationToken cancellationToken)
    {
        if (!Reader.FolderExists())
        {
            Watcher.Stop("the folder does not exist");
            Health.ReportUnavailable($"the emhttp folder '{Reader.Folder}' does not exist (not an Unraid server)");
            return;
        }

        Watcher.EnsureStarted();
        var own = await CollectFromFolderAsync(cancellationToken).ConfigureAwait(false);
        _problems.Report(Name, own, Health);
    }

    // A run that threw is this collector's open problem like any other, so the array's health stays degraded until it
    // recovers instead of flipping back to healthy on the next poll of the other two.
    /// <inheritdoc/>
    protected override void OnCollectionFailed(Exception exception) =>
        _problems.Report(Name, $"collection failed: {exception.Message}", Health);

    /// <summary>Reads, maps and publishes; returns why nothing was published, or <see langword="null"/> on success.</summary>
    protected abstract Task<string?> CollectFromFolderAsync(CancellationToken cancellationToken);

    /// <summary>Why a required file gave no document.</summary>
    protected static string Problem(string fileName, IniReadStatus status) => status == IniReadStatus.Missing
        ? $"{fileName} is missing"
        : $"{fileName} was half-written on every read; the previous value stays";
}
