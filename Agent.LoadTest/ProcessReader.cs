using System.Globalization;

namespace Agent.LoadTest;

/// <summary>
/// Reads the agent's process figures, either from <c>/proc/&lt;pid&gt;</c> (see proc(5): <c>VmRSS</c> and
/// <c>Threads</c> of <c>status</c>, the entries of <c>fd/</c>) or from the <c>process_*</c> gauges of <c>/metrics</c>.
/// </summary>
internal sealed class ProcessReader(int? pid, AgentApi api, string procRoot = "/proc")
{
    public string Source => pid is { } p ? $"{procRoot}/{p}" : "/metrics";

    public async Task<ProcessFigures> ReadAsync(CancellationToken cancellationToken)
    {
        if (pid is { } p)
        {
            return await ReadProcAsync(Path.Combine(procRoot, p.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        }

        var metrics = await api.GetProcessMetricsAsync(cancellationToken).ConfigureAwait(false);
        return new ProcessFigures(
            (long)metrics.GetValueOrDefault("process_resident_memory_bytes"),
            (long)metrics.GetValueOrDefault("process_open_handles"),
            (long)metrics.GetValueOrDefault("process_threads"));
    }

    public static ProcessFigures ParseStatus(string status, long openHandles)
    {
        long rssBytes = 0;
        long threads = 0;
        foreach (var line in status.Split('\n'))
        {
            var parts = line.Split((char[])[':', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == "VmRSS" && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib))
            {
                rssBytes = kib * 1024;
            }
            else if (parts.Length >= 2 && parts[0] == "Threads" && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var count))
            {
                threads = count;
            }
        }

        return new ProcessFigures(rssBytes, openHandles, threads);
    }

    private static async Task<ProcessFigures> ReadProcAsync(string folder, CancellationToken cancellationToken)
    {
        try
        {
            var status = await File.ReadAllTextAsync(Path.Combine(folder, "status"), cancellationToken).ConfigureAwait(false);
            var handles = Directory.EnumerateFileSystemEntries(Path.Combine(folder, "fd")).LongCount();
            return ParseStatus(status, handles);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LoadTestException($"cannot read {folder}: {ex.Message}; is --pid the agent's process and readable by this user?", ex);
        }
    }
}
