using Agent.Collectors.Proc;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// Reads temperatures and fans from <c>&lt;Sys&gt;/class/hwmon/hwmon*</c>. Each <c>hwmonN</c> is a symlink whose
/// number is not stable across boots, so chips are named by their <c>name</c> file; a chip without one is named after
/// its folder. Drivers of the old layout (applesmc) keep their attributes in <c>hwmonN/device/</c>, which is read
/// when <c>hwmonN/</c> itself has none.
/// </summary>
internal sealed class HwmonReader(string sysRoot)
{
    private readonly string _classFolder = Path.Combine(sysRoot, "class", "hwmon");

    public async Task<HwmonScan> ReadAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_classFolder))
        {
            return new HwmonScan(false, [], 0);
        }

        var readings = new List<HwmonReading>();
        var unreadable = 0;
        foreach (var chipFolder in SortedByNumber(Directory.EnumerateDirectories(_classFolder, "hwmon*"), "hwmon"))
        {
            var attributes = HasInputs(chipFolder) ? chipFolder : Path.Combine(chipFolder, "device");
            if (!Directory.Exists(attributes))
            {
                continue;
            }

            var chip = await ReadChipNameAsync(chipFolder, cancellationToken).ConfigureAwait(false);
            unreadable += await ReadInputsAsync(attributes, chip, readings, cancellationToken).ConfigureAwait(false);
        }

        return new HwmonScan(true, readings, unreadable);
    }

    private static async Task<int> ReadInputsAsync(
        string folder,
        string chip,
        List<HwmonReading> readings,
        CancellationToken cancellationToken)
    {
        var unreadable = 0;
        foreach (var (kind, input, path) in EnumerateInputs(folder))
        {
            var text = await SourceFiles.ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null || !ProcText.TryParseLong(text, out var value))
            {
                unreadable++;
                continue;
            }

            var label = await SourceFiles.ReadTextAsync(Path.Combine(folder, input + "_label"), cancellationToken).ConfigureAwait(false);
            var trimmed = label?.Trim();
            readings.Add(new HwmonReading(kind, chip, input, trimmed is { Length: > 0 } ? trimmed : null, value));
        }

        return unreadable;
    }

    private static async Task<string> ReadChipNameAsync(string chipFolder, CancellationToken cancellationToken)
    {
        foreach (var candidate in new[] { Path.Combine(chipFolder, "name"), Path.Combine(chipFolder, "device", "name") })
        {
            var name = (await SourceFiles.ReadTextAsync(candidate, cancellationToken).ConfigureAwait(false))?.Trim();
            if (name is { Length: > 0 })
            {
                return name;
            }
        }

        return Path.GetFileName(chipFolder);
    }

    private static bool HasInputs(string folder) => EnumerateInputs(folder).Any();

    private static IEnumerable<(HwmonKind Kind, string Input, string Path)> EnumerateInputs(string folder)
    {
        var temperatures = Directory.EnumerateFiles(folder, "temp*_input");
        var fans = Directory.EnumerateFiles(folder, "fan*_input");
        foreach (var path in SortedByNumber(temperatures, "temp"))
        {
            yield return (HwmonKind.Temperature, InputName(path), path);
        }

        foreach (var path in SortedByNumber(fans, "fan"))
        {
            yield return (HwmonKind.Fan, InputName(path), path);
        }
    }

    private static string InputName(string path)
    {
        var file = Path.GetFileName(path);
        return file[..^"_input".Length];
    }

    // Numbered entries sort by number (temp2 before temp10), so the order is the kernel's, not the alphabet's.
    private static IEnumerable<string> SortedByNumber(IEnumerable<string> paths, string prefix) =>
        paths.Select(path => (Path: path, Number: NumberAfter(Path.GetFileName(path), prefix)))
            .OrderBy(entry => entry.Number)
            .ThenBy(entry => entry.Path, StringComparer.Ordinal)
            .Select(entry => entry.Path);

    private static int NumberAfter(string name, string prefix)
    {
        var digits = name.AsSpan(prefix.Length);
        var end = 0;
        while (end < digits.Length && char.IsAsciiDigit(digits[end]))
        {
            end++;
        }

        return int.TryParse(digits[..end], out var number) ? number : int.MaxValue;
    }
}
