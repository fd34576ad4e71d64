namespace Agent.Collectors.Gpu;

/// <summary>Resolves a tool setting: unset means "look on PATH", empty means "off", a path must exist.</summary>
internal static class GpuExecutable
{
    /// <summary>The absolute path of the tool, or null when the vendor is off or the tool is not there.</summary>
    public static string? Resolve(string? configured, string toolName)
    {
        if (configured is not null)
        {
            var trimmed = configured.Trim();
            return trimmed.Length > 0 && File.Exists(trimmed) ? Path.GetFullPath(trimmed) : null;
        }

        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, toolName);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }

    /// <summary>Why <see cref="Resolve"/> gave nothing, for the absent reason.</summary>
    public static string AbsentReason(string? configured, string toolName) => configured switch
    {
        null => $"{toolName} is not on PATH",
        { Length: 0 } => $"{toolName} is turned off by an empty setting",
        _ => $"{toolName} not found at '{configured}'",
    };
}
