using System.Text.Json.Serialization;

namespace Agent.Contracts.Dtos.Array;

/// <summary>One disk of the array, a pool or the flash device, in <c>disk_list_update</c>.</summary>
public sealed record DiskStatus
{
    /// <summary>Stable identifier: the emhttp slot name (<c>parity</c>, <c>disk1</c>, <c>cache</c>, <c>flash</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary>Kernel device name, e.g. <c>sdb</c>; empty when the slot has none.</summary>
    public string Device { get; init; } = "";

    /// <summary>The slot name as emhttp shows it.</summary>
    public string Name { get; init; } = "";

    /// <summary>emhttp's raw status, e.g. <c>DISK_OK</c>, <c>DISK_NP</c>, <c>DISK_DSBL</c>; <c>unknown</c> when absent.</summary>
    public string Status { get; init; } = "unknown";

    /// <summary>Role of the slot: <c>parity</c>, <c>parity2</c>, <c>data</c>, <c>cache</c>, <c>pool</c>, <c>flash</c> or <c>unknown</c>.</summary>
    public string Role { get; init; } = "unknown";

    /// <summary>Device size, in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>Used space of the disk's file system, in bytes.</summary>
    public long UsedBytes { get; init; }

    /// <summary>Free space of the disk's file system, in bytes.</summary>
    public long FreeBytes { get; init; }

    /// <summary>Used share of the disk's file system, in percent (0–100).</summary>
    public double UsagePercent { get; init; }

    /// <summary>Temperature in degrees Celsius; 0 when the disk is spun down or reports none.</summary>
    public double TemperatureCelsius { get; init; }

    /// <summary><c>active</c>, <c>standby</c> (spun down) or <c>unknown</c>.</summary>
    public string SpinState { get; init; } = "unknown";

    /// <summary>SMART verdict as emhttp last recorded it (e.g. <c>PASSED</c>); <c>unknown</c> when absent.</summary>
    public string SmartStatus { get; init; } = "unknown";

    /// <summary>Read and write errors recorded for the slot.</summary>
    public long SmartErrors { get; init; }

    /// <summary>Spin-down delay in minutes as configured; 0 for never or the global default.</summary>
    public int SpindownDelay { get; init; }

    /// <summary>The disk's warning temperature threshold in degrees Celsius; omitted when unset.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TempWarningCelsius { get; init; }

    /// <summary>The disk's critical temperature threshold in degrees Celsius; omitted when unset.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? TempCriticalCelsius { get; init; }

    /// <summary>File system type, e.g. <c>xfs</c> or <c>btrfs</c>; empty when none.</summary>
    public string Filesystem { get; init; } = "";

    /// <summary>Mount point, e.g. <c>/mnt/disk1</c>; empty when not mounted.</summary>
    public string MountPoint { get; init; } = "";

    /// <summary>Device identifier as emhttp records it (model and serial).</summary>
    public string SerialNumber { get; init; } = "";

    /// <summary>Device model, when emhttp records it.</summary>
    public string Model { get; init; } = "";

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
