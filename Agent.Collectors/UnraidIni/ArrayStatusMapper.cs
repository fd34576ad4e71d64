using Agent.Contracts.Dtos.Array;

namespace Agent.Collectors.UnraidIni;

/// <summary>Turns <c>var.ini</c> (and <c>disks.ini</c> for the parity slots) into <see cref="ArrayStatus"/>.</summary>
internal static class ArrayStatusMapper
{
    /// <summary>Whether <c>var.ini</c> has what a payload needs; the upstream agent checks the same two keys.</summary>
    public static bool IsComplete(IniDocument var) =>
        !var.IsTruncated && var.Global.Has("mdState") && var.Global.Has("mdNumDisks");

    /// <summary>The array status; <paramref name="disks"/> and <paramref name="space"/> may be absent.</summary>
    public static ArrayStatus Map(IniDocument var, IniDocument? disks, FileSystemSpace? space, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(var);

        var values = var.Global;
        var slots = disks is null ? default : CountSlots(disks);
        var numDisks = values.GetInt64("mdNumDisks") ?? slots.Parity + slots.Data;
        var (status, progress) = ParityOperation(values);
        var total = space?.TotalBytes ?? 0;
        var free = space?.AvailableBytes ?? 0;
        var used = space is { } s ? Math.Max(0, s.TotalBytes - s.FreeBytes) : 0;

        return new ArrayStatus
        {
            State = values.GetString("mdState") is { Length: > 0 } state ? state : "unknown",
            NumDisks = (int)Math.Clamp(numDisks, 0, int.MaxValue),
            NumDataDisks = slots.Data,
            NumParityDisks = slots.Parity,
            ParityValid = slots.Parity > 0 && (values.GetInt64("mdNumInvalid") ?? 0) == 0,
            ParityCheckStatus = status,
            ParityCheckProgress = progress,
            SyncErrors = Math.Max(0, values.GetInt64("sbSyncErrs") ?? 0),
            TotalBytes = total,
            UsedBytes = used,
            FreeBytes = free,
            UsedPercent = total > 0 ? Math.Round(used * 100.0 / total, 1) : 0,
            Timestamp = now,
        };
    }

    /// <summary>
    /// The parity operation from <c>mdResyncPos</c> (non-zero while one runs), <c>mdResyncAction</c> (its kind) and
    /// <c>mdResyncDb</c>/<c>mdResyncDt</c> (blocks done per interval; a zero rate means paused). Progress follows the
    /// webgui: <c>pos / (size / 100 + 1)</c>.
    /// </summary>
    internal static (string Status, double Progress) ParityOperation(IniSection values)
    {
        var position = values.GetInt64("mdResyncPos") ?? 0;
        if (position <= 0)
        {
            return ("", 0);
        }

        var size = values.GetInt64("mdResyncSize") ?? 0;
        var progress = size > 0 ? Math.Clamp(Math.Round(position / ((size / 100.0) + 1), 1), 0, 100) : 0;
        var isPaused = (values.GetInt64("mdResyncDt") ?? 0) <= 0 || (values.GetInt64("mdResyncDb") ?? 0) <= 0;
        if (isPaused)
        {
            return ("paused", progress);
        }

        var action = values.Raw("mdResyncAction");
        var space = action.IndexOf(' ');
        var verb = space < 0 ? action : action[..space];
        var status = verb switch
        {
            "recon" => "reconstructing",
            "clear" => "clearing",
            _ => "running",
        };
        return (status, progress);
    }

    // Parity disks count when present and enabled; data disks when present (a disabled data disk is emulated, still
    // part of the array).
    private static SlotCounts CountSlots(IniDocument disks)
    {
        var counts = default(SlotCounts);
        for (var i = 0; i < disks.SectionCount; i++)
        {
            var slot = disks.SectionAt(i);
            if (slot.Raw("device").IsEmpty || slot.Raw("status").StartsWith("DISK_NP", StringComparison.Ordinal))
            {
                continue;
            }

            var type = slot.Raw("type");
            if (type.Equals("Parity", StringComparison.OrdinalIgnoreCase) && !slot.Raw("status").Contains("DSBL", StringComparison.Ordinal))
            {
                counts = counts with { Parity = counts.Parity + 1 };
            }
            else if (type.Equals("Data", StringComparison.OrdinalIgnoreCase))
            {
                counts = counts with { Data = counts.Data + 1 };
            }
        }

        return counts;
    }

    private readonly record struct SlotCounts(int Parity, int Data);
}
