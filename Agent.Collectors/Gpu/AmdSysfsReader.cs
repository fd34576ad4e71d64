using Agent.Collectors.Hosting;
using Agent.Contracts.Dtos.Gpu;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Reads amdgpu cards from sysfs (<c>class/drm/cardN/device/</c>, FORMATS.md §5): busy percents, VRAM in bytes, and
/// temperature, power and fan from the card's own <c>device/hwmon/hwmonM</c>. Attributes a card lacks read as 0.
/// </summary>
internal sealed class AmdSysfsReader(IOptions<SourcePathsOptions> paths) : IGpuVendorReader
{
    private const double MicroPerUnit = 1_000_000d;
    private const double MilliPerUnit = 1000d;
    private const double PwmMaximum = 255d;

    private readonly string _sys = paths.Value.Sys;

    public string Vendor => "amd";

    public async Task<VendorReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var cards = (await DrmCardScanner.ScanAsync(_sys, cancellationToken).ConfigureAwait(false))
            .Where(c => c.VendorId == DrmCardScanner.AmdVendor || c.Driver == "amdgpu")
            .ToList();
        if (cards.Count == 0)
        {
            return VendorReadResult.Absent(Vendor, "no amdgpu card under class/drm");
        }

        var gpus = new List<GpuStatus>();
        foreach (var card in cards)
        {
            gpus.Add(await ReadCardAsync(card, cancellationToken).ConfigureAwait(false));
        }

        var unread = gpus.Where(g => !g.Available).Select(g => g.PciId).ToList();
        return unread.Count == 0
            ? VendorReadResult.Ok(Vendor, gpus)
            : VendorReadResult.Failed(Vendor, $"no metrics readable for {string.Join(", ", unread)}", gpus);
    }

    private async Task<GpuStatus> ReadCardAsync(DrmCard card, CancellationToken cancellationToken)
    {
        var busy = await NumberAsync(card.DevicePath, "gpu_busy_percent", cancellationToken).ConfigureAwait(false);
        var memoryBusy = await NumberAsync(card.DevicePath, "mem_busy_percent", cancellationToken).ConfigureAwait(false);
        var total = await NumberAsync(card.DevicePath, "mem_info_vram_total", cancellationToken).ConfigureAwait(false);
        var used = await NumberAsync(card.DevicePath, "mem_info_vram_used", cancellationToken).ConfigureAwait(false);
        var sensors = await ReadHwmonAsync(card, cancellationToken).ConfigureAwait(false);
        var product = await TextAsync(card.DevicePath, "product_name", cancellationToken).ConfigureAwait(false);
        var driver = await TextAsync(Path.Combine(_sys, "module", "amdgpu"), "version", cancellationToken).ConfigureAwait(false);

        return new GpuStatus
        {
            Vendor = Vendor,
            Available = busy is not null || total is not null || sensors.HasAny,
            Name = product ?? $"AMD Radeon ({card.PciId})",
            Uuid = await TextAsync(card.DevicePath, "unique_id", cancellationToken).ConfigureAwait(false) ?? "",
            PciId = card.PciSlot,
            DriverVersion = driver ?? "",
            UtilizationGpuPercent = Math.Clamp(busy ?? 0, 0, 100),
            UtilizationMemoryPercent = Math.Clamp(memoryBusy ?? 0, 0, 100),
            MemoryTotalBytes = (long)(total ?? 0),
            MemoryUsedBytes = (long)(used ?? 0),
            TemperatureCelsius = sensors.TemperatureCelsius,
            PowerDrawWatts = sensors.PowerWatts,
            FanSpeedPercent = sensors.FanPercent,
        };
    }

    private static async Task<HwmonReading> ReadHwmonAsync(DrmCard card, CancellationToken cancellationToken)
    {
        if (DrmCardScanner.HwmonFolder(card) is not { } hwmon)
        {
            return new HwmonReading(false, 0, 0, 0);
        }

        var temperature = await NumberAsync(hwmon, "temp1_input", cancellationToken).ConfigureAwait(false);

        // Older kernels report power1_average, newer ones power1_input; both in microwatts.
        var power = await NumberAsync(hwmon, "power1_average", cancellationToken).ConfigureAwait(false)
            ?? await NumberAsync(hwmon, "power1_input", cancellationToken).ConfigureAwait(false);
        var fan = await FanPercentAsync(hwmon, cancellationToken).ConfigureAwait(false);
        return new HwmonReading(
            temperature is not null || power is not null || fan is not null,
            (temperature ?? 0) / MilliPerUnit,
            (power ?? 0) / MicroPerUnit,
            fan ?? 0);
    }

    // pwm1 is the duty cycle (0–255); without it, the speed relative to fan1_max in RPM.
    private static async Task<double?> FanPercentAsync(string hwmon, CancellationToken cancellationToken)
    {
        if (await NumberAsync(hwmon, "pwm1", cancellationToken).ConfigureAwait(false) is { } pwm)
        {
            return Math.Clamp(pwm / PwmMaximum * 100, 0, 100);
        }

        var rpm = await NumberAsync(hwmon, "fan1_input", cancellationToken).ConfigureAwait(false);
        var max = await NumberAsync(hwmon, "fan1_max", cancellationToken).ConfigureAwait(false);
        return rpm is { } r && max is > 0 ? Math.Clamp(r / max.Value * 100, 0, 100) : null;
    }

    private static Task<double?> NumberAsync(string folder, string name, CancellationToken cancellationToken) =>
        DrmCardScanner.ReadNumberAsync(Path.Combine(folder, name), cancellationToken);

    private static Task<string?> TextAsync(string folder, string name, CancellationToken cancellationToken) =>
        DrmCardScanner.ReadAttributeAsync(Path.Combine(folder, name), cancellationToken);

    private sealed record HwmonReading(bool HasAny, double TemperatureCelsius, double PowerWatts, double FanPercent);
}
