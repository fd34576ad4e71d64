using System.Net.Sockets;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Ups;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Ups;

/// <summary>
/// Publishes <c>ups_status_update</c> from apcupsd or NUT, spoken to over their own network protocols. With
/// <c>auto</c> it asks the daemon that answered last first, then the others (apcupsd before NUT, since Unraid ships
/// apcupsd). A daemon that stops answering makes the source unavailable and is published once as
/// <c>connected:false</c>; the next answer makes it healthy again.
/// </summary>
internal sealed class UpsStatusCollector : PollingCollector
{
    private readonly IOptionsMonitor<IntervalsOptions> _intervals;
    private readonly UpsInventory _inventory;
    private readonly string _preferredUps;
    private readonly bool _isDisabled;
    private readonly List<IUpsSource> _sources;
    private IUpsSource? _selected;
    private UpsStatus? _lastPublished;
    private bool _warnedMissingUps;

    public UpsStatusCollector(
        CollectorContext context,
        IOptions<UpsOptions> options,
        IOptionsMonitor<IntervalsOptions> intervals,
        UpsInventory inventory)
        : base("ups", context.Health.Get(TopicCatalog.Groups.Ups), context)
    {
        var settings = options.Value;
        _intervals = intervals;
        _inventory = inventory;
        _preferredUps = settings.NutUps;
        _isDisabled = string.Equals(settings.Backend, UpsBackends.None, StringComparison.OrdinalIgnoreCase);
        _sources = CreateSources(settings);
    }

    protected override TimeSpan Interval =>
        _isDisabled ? TimeSpan.Zero : IntervalsOptions.ToInterval(_intervals.CurrentValue.Ups);

    protected override async Task CollectAsync(CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        foreach (var source in OrderedSources())
        {
            try
            {
                var all = await source.ReadAsync(Time.GetLocalNow(), cancellationToken).ConfigureAwait(false);
                if (all.Count > 0)
                {
                    OnAnswer(source, all);
                    return;
                }

                lastFailure = new UpsProtocolException($"{source.Backend} at {source.Address} answers but serves no UPS.");
            }
            catch (Exception ex) when (IsDaemonFailure(ex, cancellationToken))
            {
                UpsLog.BackendNotAnswering(Logger, source.Backend, source.Address, ex);
                lastFailure = ex;
            }
        }

        OnNoAnswer(lastFailure);
    }

    private static List<IUpsSource> CreateSources(UpsOptions settings)
    {
        var backend = settings.Backend.ToLowerInvariant();
        var sources = new List<IUpsSource>();
        if (backend is UpsBackends.Auto or UpsBackends.Apcupsd)
        {
            var client = new ApcupsdNisClient(UpsAddress.Parse(settings.Apcupsd), settings.ConnectTimeout, settings.ReadTimeout);
            sources.Add(new ApcupsdSource(client));
        }

        if (backend is UpsBackends.Auto or UpsBackends.Nut)
        {
            var client = new NutClient(
                UpsAddress.Parse(settings.Nut),
                settings.NutUser,
                settings.NutPassword,
                settings.ConnectTimeout,
                settings.ReadTimeout);
            sources.Add(new NutSource(client));
        }

        return sources;
    }

    private IEnumerable<IUpsSource> OrderedSources() =>
        _selected is null ? _sources : [_selected, .. _sources.Where(s => !ReferenceEquals(s, _selected))];

    // Everything a dead, slow or foreign peer can cause; anything else is a bug and goes to the loop's handler.
    private static bool IsDaemonFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        SocketException or IOException or TimeoutException or UpsProtocolException or NutErrorException => true,
        _ => false,
    };

    private void OnAnswer(IUpsSource source, IReadOnlyList<UpsStatus> all)
    {
        var primary = ChoosePrimary(source, all);
        if (!ReferenceEquals(source, _selected))
        {
            _selected = source;
            UpsLog.BackendSelected(Logger, source.Backend, source.Address, primary.Name, all.Count);
        }

        UpsLog.Polled(Logger, source.Backend, all.Count, primary.Name, primary.Status);
        _inventory.Replace(all);
        Publisher.Publish(TopicCatalog.UpsStatusUpdate, primary);
        _lastPublished = primary;
        if (primary.Connected)
        {
            Health.ReportHealthy();
        }
        else
        {
            Health.ReportDegraded($"{source.Backend} has lost UPS '{primary.Name}' (status '{primary.Status}')");
        }
    }

    private UpsStatus ChoosePrimary(IUpsSource source, IReadOnlyList<UpsStatus> all)
    {
        if (_preferredUps.Length == 0 || source.Backend != UpsBackends.Nut)
        {
            return all[0];
        }

        var preferred = all.FirstOrDefault(s => string.Equals(s.Name, _preferredUps, StringComparison.Ordinal));
        if (preferred is null && !_warnedMissingUps)
        {
            UpsLog.ConfiguredUpsMissing(Logger, _preferredUps, source.Address, all[0].Name);
        }

        _warnedMissingUps = preferred is null;
        return preferred ?? all[0];
    }

    private void OnNoAnswer(Exception? failure)
    {
        // Subscribers learn once that the UPS they were shown is gone; after that the topic stays quiet until it is back.
        if (_lastPublished is { Connected: true } last)
        {
            var gone = last with
            {
                Connected = false,
                Status = "unknown",
                LoadPercent = 0,
                BatteryChargePercent = 0,
                RuntimeLeftSeconds = 0,
                PowerWatts = 0,
                InputVoltage = 0,
                OutputVoltage = 0,
                BatteryVoltage = 0,
                Timestamp = Time.GetLocalNow(),
            };
            _inventory.Replace([gone]);
            Publisher.Publish(TopicCatalog.UpsStatusUpdate, gone);
            _lastPublished = gone;
        }

        var reason = _sources.Count == 1
            ? $"{_sources[0].Backend} at {_sources[0].Address} does not answer: {failure?.Message}"
            : $"no UPS daemon answers ({string.Join(", ", _sources.Select(s => $"{s.Backend} at {s.Address}"))}): {failure?.Message}";
        Health.ReportUnavailable(reason);
    }
}
