using Agent.Contracts.Dtos.Array;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Turns <c>disks.ini</c> into one <see cref="DiskStatus"/> per slot that holds a device. Everything comes from the
/// file: temperature and spin state are what emhttpd last recorded, so reading them never wakes a disk.
/// </summary>
internal static class DiskListMapper
{
    private const long KiB = 1024;

    private static readonly char[] s_digits = "0123456789".ToCharArray();

    /// <summary>
    /// Whether <c>disks.ini</c> looks whole: not cut mid-line, at least one slot, and a <c>status</c> in the last slot
    /// (it comes early in every section, so a file cut inside the last section usually lacks it).
    /// </summary>
    public static bool IsComplete(IniDocument disks) =>
        !disks.IsTruncated && disks.SectionCount > 0 && disks.SectionAt(disks.SectionCount - 1).Has("status");

    /// <summary>The disk list, in file order.</summary>
    public static IReadOnlyList<DiskStatus> Map(IniDocument disks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(disks);

        var result = new List<DiskStatus>(disks.SectionCount);
        var pool = "";
        for (var i = 0; i < disks.SectionCount; i++)
        {
            var slot = disks.SectionAt(i);
            var role = Role(slot, ref pool);
            if (slot.Raw("device").IsEmpty)
            {
                continue;
            }

            result.Add(MapSlot(slot, role, now));
        }

        return result;
    }

    private static DiskStatus MapSlot(IniSection slot, string role, DateTimeOffset now)
    {
        var name = slot.GetString("name", slot.Name);
        var (spin, temperature) = SpinAndTemperature(slot);
        var used = Bytes(slot, "fsUsed");
        var free = Bytes(slot, "fsFree");
        var fsSize = Bytes(slot, "fsSize");
        var capacity = fsSize > 0 ? fsSize : used + free;
        var id = slot.GetString("id");

        return new DiskStatus
        {
            Id = slot.Name,
            Device = slot.GetString("device"),
            Name = name,
            Status = slot.GetString("status") is { Length: > 0 } status ? status : "unknown",
            Role = role,
            SizeBytes = Bytes(slot, "size"),
            UsedBytes = used,
            FreeBytes = free,
            UsagePercent = capacity > 0 ? Math.Round(used * 100.0 / capacity, 1) : 0,
            TemperatureCelsius = temperature,
            SpinState = spin,
            SmartErrors = Math.Max(0, slot.GetInt64("numErrors") ?? 0),
            SpindownDelay = SpindownMinutes(slot.GetInt64("spindownDelay")),
            TempWarningCelsius = slot.GetInt64("warning") is { } warning and > 0 ? warning : null,
            TempCriticalCelsius = slot.GetInt64("critical") is { } critical and > 0 ? critical : null,
            Filesystem = slot.GetString("fsType") is "auto" ? "" : slot.GetString("fsType"),
            MountPoint = MountPoint(slot, role, name),
            SerialNumber = id,
            Model = Model(id),
            Timestamp = now,
        };
    }

    // The slot decides the role. Pool members are "Cache" typed; a pool's first member carries the pool keys
    // (slots, nameOrig) and the members after it are named <pool>2, <pool>3, so the last head seen names the pool.
    private static string Role(IniSection slot, ref string pool)
    {
        var type = slot.Raw("type");
        if (type.Equals("Cache", StringComparison.OrdinalIgnoreCase))
        {
            if (slot.Has("slots"))
            {
                pool = slot.Name;
            }
            else if (pool.Length == 0 || !slot.Name.StartsWith(pool, StringComparison.Ordinal))
            {
                pool = slot.Name.TrimEnd(s_digits) is { Length: > 0 } head ? head : slot.Name;
            }

            return pool == "cache" ? "cache" : "pool";
        }

        pool = "";
        if (type.Equals("Parity", StringComparison.OrdinalIgnoreCase) || slot.Name.StartsWith("parity", StringComparison.Ordinal))
        {
            return slot.Name == "parity" ? "parity" : "parity2";
        }

        if (type.Equals("Data", StringComparison.OrdinalIgnoreCase) || slot.Name.StartsWith("disk", StringComparison.Ordinal))
        {
            return "data";
        }

        return type.Equals("Flash", StringComparison.OrdinalIgnoreCase) || slot.Name == "flash" ? "flash" : "unknown";
    }

    // spundown="1" is emhttpd's own flag. Files from before it existed (6.9) only have temp="*" for a disk it does not
    // poll because it sleeps. With spundown="0" a "*" means no sensor (a USB flash drive): awake, temperature unknown.
    private static (string Spin, double Temperature) SpinAndTemperature(IniSection slot)
    {
        var temperature = slot.GetInt64("temp");
        var spundown = slot.Raw("spundown");
        if (spundown.SequenceEqual("1"))
        {
            return ("standby", 0);
        }

        if (temperature is { } celsius)
        {
            return ("active", celsius is >= -40 and <= 125 ? celsius : 0);
        }

        return spundown.SequenceEqual("0") ? ("active", 0) : ("standby", 0);
    }

    // The webgui stores 15, 30 and 45 as minutes and 1 to 9 as hours; -1 means the global default and 0 never.
    private static int SpindownMinutes(long? setting) => setting switch
    {
        >= 1 and <= 9 => (int)setting.Value * 60,
        > 9 and <= 24 * 60 => (int)setting.Value,
        _ => 0,
    };

    private static string MountPoint(IniSection slot, string role, string name)
    {
        if (!slot.Is("fsStatus", "Mounted"))
        {
            return "";
        }

        return role == "flash" ? "/boot" : $"/mnt/{name}";
    }

    // The id is udev's ID_SERIAL: model and serial joined by '_', spaces of the model also written as '_'.
    private static string Model(string id)
    {
        var last = id.LastIndexOf('_');
        return last <= 0 ? "" : id[..last].Replace('_', ' ');
    }

    private static long Bytes(IniSection slot, string key) => Math.Max(0, slot.GetInt64(key) ?? 0) * KiB;
}
