using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Agent.Bench.Runner;

/// <summary>What the table was measured on: CPU, cores, memory, kernel, runtimes and the load average.</summary>
internal static class MachineDescription
{
    public static async Task<JsonObject> ReadAsync()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
        var memoryKb = File.ReadLines("/proc/meminfo")
            .First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new JsonObject
        {
            ["cpu"] = cpu ?? "unknown CPU",
            ["cores"] = Environment.ProcessorCount,
            ["memory_gib"] = Math.Round(double.Parse(memoryKb, System.Globalization.CultureInfo.InvariantCulture) / 1048576, 1),
            ["kernel"] = RuntimeInformation.OSDescription,
            ["dotnet"] = Environment.Version.ToString(),
            ["node"] = await NodeVersionAsync().ConfigureAwait(false),
            ["load_start"] = LoadAverage(),
        };
    }

    public static string LoadAverage() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<string> NodeVersionAsync()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var version = await node.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await node.WaitForExitAsync().ConfigureAwait(false);
        return version.Trim();
    }
}
