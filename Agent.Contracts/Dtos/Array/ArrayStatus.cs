namespace Agent.Contracts.Dtos.Array;

/// <summary>The <c>array_status_update</c> payload: state and capacity of the Unraid array.</summary>
public sealed record ArrayStatus
{
    /// <summary>emhttp's raw <c>mdState</c>, e.g. <c>STARTED</c> or <c>STOPPED</c>; <c>unknown</c> when absent.</summary>
    public string State { get; init; } = "unknown";

    /// <summary>Number of array slots holding a device (parity and data).</summary>
    public int NumDisks { get; init; }

    /// <summary>Number of data disks present.</summary>
    public int NumDataDisks { get; init; }

    /// <summary>Number of parity disks present and enabled.</summary>
    public int NumParityDisks { get; init; }

    /// <summary>Whether parity is valid.</summary>
    public bool ParityValid { get; init; }

    /// <summary>
    /// Parity operation in progress: empty when none, else <c>running</c>, <c>paused</c>, <c>clearing</c> or
    /// <c>reconstructing</c>.
    /// </summary>
    public string ParityCheckStatus { get; init; } = "";

    /// <summary>Progress of the parity operation, in percent (0–100).</summary>
    public double ParityCheckProgress { get; init; }

    /// <summary>Errors found by the current or last parity check.</summary>
    public long SyncErrors { get; init; }

    /// <summary>Size of the user share file system, in bytes.</summary>
    public long TotalBytes { get; init; }

    /// <summary>Used space on the user share file system, in bytes.</summary>
    public long UsedBytes { get; init; }

    /// <summary>Free space on the user share file system, in bytes.</summary>
    public long FreeBytes { get; init; }

    /// <summary>Used share of the user share file system, in percent (0–100).</summary>
    public double UsedPercent { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
