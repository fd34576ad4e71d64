namespace Agent.Collectors.Proc;

/// <summary>The raw text of every file a system snapshot is built from; <see langword="null"/> where a file could not be read.</summary>
internal sealed record SystemTexts(
    string? Meminfo,
    string? Cpuinfo,
    string? Loadavg,
    string? Uptime,
    string? Hostname,
    string? KernelRelease,
    string? UnraidVersion);
