using System.Globalization;
using System.Text.RegularExpressions;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Finds the GPUs under <c>class/drm</c> and reads their own hwmon folder. <c>cardN</c> also matches connectors
/// (<c>card0-DP-1</c>), which are skipped; the vendor comes from <c>device/vendor</c> or <c>uevent</c>
/// (FORMATS.md §5).
/// </summary>
internal static partial class DrmCardScanner
{
    public const string AmdVendor = "1002";
    public const string IntelVendor = "8086";

    /// <summary>Every card under <paramref name="sysRoot"/>, in card-number order.</summary>
    public static async Task<IReadOnlyList<DrmCard>> ScanAsync(string sysRoot, CancellationToken cancellationToken)
    {
        var drm = Path.Combine(sysRoot, "class", "drm");
        if (!Directory.Exists(drm))
        {
            return [];
        }

        var cards = new List<(int Number, DrmCard Card)>();
        foreach (var folder in Directory.EnumerateDirectories(drm))
        {
            var match = CardName().Match(Path.GetFileName(folder));
            var device = Path.Combine(folder, "device");
            if (!match.Success || !Directory.Exists(device))
            {
                continue;
            }

            var card = await ReadCardAsync(Path.GetFileName(folder), device, cancellationToken).ConfigureAwait(false);
            cards.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), card));
        }

        return [.. cards.OrderBy(c => c.Number).Select(c => c.Card)];
    }

    /// <summary>
    /// The card's own hwmon folder, <c>device/hwmon/hwmonM</c>; never a <c>class/hwmon</c> entry by position, whose
    /// numbering belongs to every chip of the machine.
    /// </summary>
    public static string? HwmonFolder(DrmCard card)
    {
        var hwmon = Path.Combine(card.DevicePath, "hwmon");
        return Directory.Exists(hwmon)
            ? Directory.EnumerateDirectories(hwmon, "hwmon*").Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    /// <summary>The text of a sysfs attribute, trimmed; null when absent, empty or unreadable.</summary>
    public static async Task<string?> ReadAttributeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            return text.Length > 0 ? text : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Absent sensors fail with EIO/ENODATA on read (FORMATS.md §3); that is "no value", not an error.
            return null;
        }
    }

    /// <summary>A sysfs number, or null.</summary>
    public static async Task<double?> ReadNumberAsync(string path, CancellationToken cancellationToken) =>
        double.TryParse(
            await ReadAttributeAsync(path, cancellationToken).ConfigureAwait(false),
            NumberStyles.Float,
            CultureInfo.InvariantCulture,
            out var value) && double.IsFinite(value)
            ? value
            : null;

    private static async Task<DrmCard> ReadCardAsync(string name, string device, CancellationToken cancellationToken)
    {
        var uevent = await ReadAttributeAsync(Path.Combine(device, "uevent"), cancellationToken).ConfigureAwait(false) ?? "";
        var values = uevent.Split('\n')
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
        var vendorFile = await ReadAttributeAsync(Path.Combine(device, "vendor"), cancellationToken).ConfigureAwait(false);
        var pciId = values.GetValueOrDefault("PCI_ID", "");
        var vendor = vendorFile is { Length: > 0 }
            ? vendorFile.Replace("0x", "", StringComparison.OrdinalIgnoreCase).ToLowerInvariant()
            : pciId.Split(':')[0].ToLowerInvariant();
        return new DrmCard(name, device, vendor, pciId, values.GetValueOrDefault("PCI_SLOT_NAME", ""), values.GetValueOrDefault("DRIVER", ""));
    }

    [GeneratedRegex(@"^card(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex CardName();
}
