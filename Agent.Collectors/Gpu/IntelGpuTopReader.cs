using System.Globalization;
using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Gpu;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Samples each Intel card (PCI vendor 8086 under <c>class/drm</c>) with <c>intel_gpu_top -J</c> for a short time.
/// The tool never ends by itself, so it is stopped at the end of the sample time and what it printed is parsed; a run
/// that printed no complete sample is a failure. Temperature comes from the card's own hwmon folder (DG2/Arc); an
/// iGPU usually has none.
/// </summary>
internal sealed class IntelGpuTopReader(
    IProcessRunner runner,
    IOptions<GpuOptions> options,
    IOptions<SourcePathsOptions> paths,
    ILogger<IntelGpuTopReader> logger) : IGpuVendorReader
{
    private const string ToolName = "intel_gpu_top";

    // intel_gpu_top handles SIGTERM by ending its loop and flushing stdout, which a pipe buffers; SIGKILL would lose it.
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromMilliseconds(500);

    private readonly GpuOptions _options = options.Value;
    private readonly string _sys = paths.Value.Sys;

    public string Vendor => "intel";

    public async Task<VendorReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var cards = (await DrmCardScanner.ScanAsync(_sys, cancellationToken).ConfigureAwait(false))
            .Where(c => c.VendorId == DrmCardScanner.IntelVendor)
            .ToList();
        if (cards.Count == 0)
        {
            return VendorReadResult.Absent(Vendor, "no Intel GPU under class/drm");
        }

        if (GpuExecutable.Resolve(_options.IntelGpuTop, ToolName) is not { } tool)
        {
            return VendorReadResult.Absent(Vendor, GpuExecutable.AbsentReason(_options.IntelGpuTop, ToolName));
        }

        var reads = await Task.WhenAll(cards.Select(c => ReadCardAsync(tool, c, cancellationToken))).ConfigureAwait(false);
        var failures = reads.Where(r => r.Error.Length > 0).Select(r => r.Error).ToList();
        var gpus = reads.Select(r => r.Gpu).ToList();
        return failures.Count == 0 ? VendorReadResult.Ok(Vendor, gpus) : VendorReadResult.Failed(Vendor, string.Join("; ", failures), gpus);
    }

    private async Task<(GpuStatus Gpu, string Error)> ReadCardAsync(string tool, DrmCard card, CancellationToken cancellationToken)
    {
        var period = _options.IntelSampleDuration / 2;
        string[] arguments = ["-J", "-s", ((int)period.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "-d", Device(card)];
        var request = new ProcessRequest(tool, arguments, _options.IntelSampleDuration + (period / 2), _options.MaxOutputBytes)
        {
            StopGrace = s_stopGrace,
        };
        var run = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        var identity = await IdentityAsync(card, cancellationToken).ConfigureAwait(false);

        // Being stopped at the end of the sample time is the normal end; exiting by itself is fine only with status 0.
        var stoppedBadly = run.Outcome is ProcessOutcome.FailedToStart or ProcessOutcome.OutputTooLarge;
        if (stoppedBadly || (run.Outcome == ProcessOutcome.Exited && !run.Succeeded))
        {
            return (identity, $"{ToolName} for {card.Name} {run.Describe()}");
        }

        var report = IntelGpuTopParser.Parse(run.StandardOutput);
        if (report.SkippedObjects > 0)
        {
            GpuLog.SamplesSkipped(logger, Vendor, report.SkippedObjects);
        }

        if (report.Samples.Count == 0)
        {
            return (identity, $"{ToolName} for {card.Name} printed no complete sample ({run.Describe()})");
        }

        var hwmon = DrmCardScanner.HwmonFolder(card);
        var milliCelsius = hwmon is null
            ? null
            : await DrmCardScanner.ReadNumberAsync(Path.Combine(hwmon, "temp1_input"), cancellationToken).ConfigureAwait(false);
        return (identity with
        {
            Available = true,
            UtilizationGpuPercent = report.UtilizationPercent(),
            PowerDrawWatts = report.PowerWatts(),
            TemperatureCelsius = (milliCelsius ?? 0) / 1000,
        }, "");
    }

    // The PCI slot filter selects the card whatever its DRM number; the DRM node is the fallback without a slot.
    private static string Device(DrmCard card) =>
        card.PciSlot.Length > 0 ? $"pci:slot={card.PciSlot}" : $"drm:/dev/dri/{card.Name}";

    private async Task<GpuStatus> IdentityAsync(DrmCard card, CancellationToken cancellationToken)
    {
        var product = await DrmCardScanner.ReadAttributeAsync(Path.Combine(card.DevicePath, "product_name"), cancellationToken).ConfigureAwait(false);
        var driverVersionFile = Path.Combine(_sys, "module", card.Driver, "version");
        var driver = await DrmCardScanner.ReadAttributeAsync(driverVersionFile, cancellationToken).ConfigureAwait(false);
        return new GpuStatus
        {
            Vendor = Vendor,
            Available = false,
            Name = product ?? $"Intel Graphics ({card.PciId})",
            PciId = card.PciSlot,
            DriverVersion = driver ?? "",
        };
    }
}
