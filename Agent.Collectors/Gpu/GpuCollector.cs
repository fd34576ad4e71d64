using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Publishes <c>gpu_metrics_update</c>: every vendor is read at the same time, so a tool that hangs until its timeout
/// delays the poll but not the other vendors' values. Nothing is published while no GPU has ever been found.
/// </summary>
internal sealed class GpuCollector : PollingCollector
{
    private readonly IReadOnlyList<IGpuVendorReader> _readers;
    private readonly TimeSpan _interval;
    private readonly GpuInventory _inventory = new();

    // Last state per vendor, so each vendor's changes are logged once; only the collector's loop touches it.
    private readonly Dictionary<string, VendorReadState> _vendorStates = new(StringComparer.Ordinal);

    public GpuCollector(IEnumerable<IGpuVendorReader> readers, IOptions<IntervalsOptions> intervals, CollectorContext context)
        : base("gpu", context.Health.Get(TopicCatalog.Groups.Gpu), context)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(intervals);
        _readers = [.. readers];
        _interval = IntervalsOptions.ToInterval(intervals.Value.Gpu);
    }

    protected override TimeSpan Interval => _interval;

    protected override async Task CollectAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_readers.Select(r => ReadAsync(r, cancellationToken))).ConfigureAwait(false);
        foreach (var result in results)
        {
            LogTransition(result);
        }

        var gpus = _inventory.Update(results, Time.GetLocalNow());
        if (gpus.Count == 0)
        {
            Health.ReportUnavailable(Reason(results, VendorReadState.Absent, VendorReadState.Failed));
            return;
        }

        Publisher.Publish(TopicCatalog.GpuMetricsUpdate, gpus);
        var failed = results.Where(r => r.State == VendorReadState.Failed).ToList();
        if (failed.Count > 0 || gpus.Any(g => !g.Available))
        {
            Health.ReportDegraded(failed.Count > 0 ? Reason(failed, VendorReadState.Failed) : "a GPU seen before is not reported any more");
        }
        else
        {
            Health.ReportHealthy();
        }
    }

    private async Task<VendorReadResult> ReadAsync(IGpuVendorReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // One vendor's unexpected failure must not hide the others; it is logged once per transition below.
            if (_vendorStates.GetValueOrDefault(reader.Vendor) != VendorReadState.Failed)
            {
                GpuLog.ReaderCrashed(Logger, reader.Vendor, ex);
            }

            return VendorReadResult.Failed(reader.Vendor, $"reader failed: {ex.Message}");
        }
    }

    private void LogTransition(VendorReadResult result)
    {
        var known = _vendorStates.TryGetValue(result.Vendor, out var previous);
        _vendorStates[result.Vendor] = result.State;
        if (known && previous == result.State)
        {
            return;
        }

        switch (result.State)
        {
            case VendorReadState.Ok:
                GpuLog.VendorFound(Logger, result.Vendor, result.Gpus.Count);
                break;
            case VendorReadState.Absent:
                GpuLog.VendorAbsent(Logger, result.Vendor, result.Reason);
                break;
            default:
                GpuLog.VendorFailed(Logger, result.Vendor, result.Reason);
                break;
        }
    }

    private static string Reason(IEnumerable<VendorReadResult> results, params VendorReadState[] states)
    {
        var parts = results.Where(r => states.Contains(r.State)).Select(r => $"{r.Vendor}: {r.Reason}").ToList();
        return parts.Count > 0 ? string.Join("; ", parts) : "no GPU found";
    }
}
