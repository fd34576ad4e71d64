namespace Agent.Contracts.Dtos.Array;

/// <summary>One user share in <c>share_list_update</c>.</summary>
public sealed record ShareStatus
{
    /// <summary>Share name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The share's comment.</summary>
    public string Comment { get; init; } = "";

    /// <summary>Path of the share, e.g. <c>/mnt/user/appdata</c>.</summary>
    public string Path { get; init; } = "";

    /// <summary>Size (used + free), in bytes.</summary>
    public long TotalBytes { get; init; }

    /// <summary>Used space, in bytes.</summary>
    public long UsedBytes { get; init; }

    /// <summary>Free space, in bytes.</summary>
    public long FreeBytes { get; init; }

    /// <summary>Used share of the size, in percent (0–100).</summary>
    public double UsagePercent { get; init; }

    /// <summary>Where files live: <c>cache</c>, <c>array</c>, <c>cache+array</c> or <c>unknown</c>.</summary>
    public string Storage { get; init; } = "unknown";

    /// <summary>emhttp's raw <c>useCache</c> value (<c>yes</c>, <c>no</c>, <c>only</c>, <c>prefer</c>).</summary>
    public string UseCache { get; init; } = "";

    /// <summary>Name of the pool used as cache; empty when none.</summary>
    public string CachePool { get; init; } = "";

    /// <summary>Whether the share is exported over SMB.</summary>
    public bool SmbExport { get; init; }

    /// <summary>Whether the share is exported over NFS.</summary>
    public bool NfsExport { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
