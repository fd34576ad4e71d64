using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Agent.Collectors.Hosting;
using Agent.Tests.Support;
using Xunit.Abstractions;

namespace Agent.Tests.Host.SystemAndNetwork;

/// <summary>
/// The real Host on this machine's real <c>/proc</c> and <c>/sys</c>, checked against the kernel's own files read
/// here in the test.
/// </summary>
public sealed class RealMachineEndpointsTests(ITestOutputHelper output)
{
    private static readonly SourcePathsOptions s_real = new();

    private static readonly Dictionary<string, string?> s_settings = new()
    {
        ["Agent:Intervals:System"] = "1",
        ["Agent:Intervals:Network"] = "1",
    };

    [Fact]
    public async Task System_RealMachine_MatchesKernelFiles()
    {
        await using var server = await AgentServer.StartAsync(s_settings);
        var started = Stopwatch.GetTimestamp();
        using var client = server.CreateClient();

        using var body = await GetWhenReadyAsync(client, "api/v1/system");
        output.WriteLine($"first system_update served {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms after start");

        var root = body.RootElement;
        Assert.Equal(KernelText("sys/kernel/hostname"), root.GetProperty("hostname").GetString());
        Assert.Equal(KernelText("sys/kernel/osrelease"), root.GetProperty("kernel_version").GetString());
        var threads = KernelLines("cpuinfo").Count(line => line.StartsWith("processor", StringComparison.Ordinal));
        Assert.Equal(threads, root.GetProperty("cpu_threads").GetInt32());
        Assert.Equal(MemTotalBytes(), root.GetProperty("ram_total_bytes").GetInt64());
        Assert.Equal(File.Exists(s_real.UnraidVersion), root.GetProperty("version").GetString() is { Length: > 0 });
        Assert.InRange(root.GetProperty("cpu_usage_percent").GetDouble(), 0, 100);
        Assert.InRange(root.GetProperty("uptime_seconds").GetInt64(), 1, long.MaxValue);
    }

    [Fact]
    public async Task System_RealMachine_UsesTheWireTypesOfTheProtocol()
    {
        await using var server = await AgentServer.StartAsync(s_settings);
        using var client = server.CreateClient();

        using var body = await GetWhenReadyAsync(client, "api/v1/system");

        var root = body.RootElement;
        var perCore = root.GetProperty("cpu_per_core_usage");
        Assert.Equal(JsonValueKind.Object, perCore.ValueKind);
        var cores = perCore.EnumerateObject().Count(core => core.Name.StartsWith("cpu", StringComparison.Ordinal));
        Assert.Equal(root.GetProperty("cpu_threads").GetInt32(), cores);
        Assert.True(root.GetProperty("ram_used_bytes").TryGetInt64(out _));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("temperatures").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("fans").ValueKind);
        Assert.True(DateTimeOffset.TryParse(root.GetProperty("timestamp").GetString(), out _));
        foreach (var key in new[] { "load_average_1m", "load_average_5m", "load_average_15m", "cpu_mhz", "ram_usage_percent", "swap_usage_percent" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        }
    }

    [Fact]
    public async Task Network_RealMachine_ListsKernelInterfacesWithTheirMtu()
    {
        await using var server = await AgentServer.StartAsync(s_settings);
        using var client = server.CreateClient();

        using var body = await GetWhenReadyAsync(client, "api/v1/network");

        var netClass = s_real.SysPath("class/net");
        var expected = Directory.EnumerateDirectories(netClass)
            .Select(Path.GetFileName)
            .Where(name => name != "lo")
            .Order(StringComparer.Ordinal)
            .ToList();
        var interfaces = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected, interfaces.Select(i => i.GetProperty("name").GetString()));
        foreach (var nic in interfaces)
        {
            var name = nic.GetProperty("name").GetString()!;
            var mtu = long.Parse(File.ReadAllText(Path.Combine(netClass, name, "mtu")).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(mtu, nic.GetProperty("mtu").GetInt64());
            Assert.Equal(File.ReadAllText(Path.Combine(netClass, name, "operstate")).Trim(), nic.GetProperty("state").GetString());
            Assert.Equal(File.ReadAllText(Path.Combine(netClass, name, "address")).Trim(), nic.GetProperty("mac_address").GetString());
            Assert.True(nic.GetProperty("speed_mbps").TryGetInt64(out var speed) && (speed == -1 || speed > 0));
            Assert.True(nic.GetProperty("bytes_received").TryGetInt64(out _));
            Assert.Equal(JsonValueKind.Array, nic.GetProperty("ipv6_addresses").ValueKind);
        }
    }

    [Fact]
    public async Task Network_RealMachine_FirstIpv4IsOneTheKernelRoutesLocally()
    {
        await using var server = await AgentServer.StartAsync(s_settings);
        using var client = server.CreateClient();

        using var body = await GetWhenReadyAsync(client, "api/v1/network");

        // /proc/net/fib_trie lists every local address of the host; an address the agent reports must be among them.
        var fibTrie = File.ReadAllText(s_real.ProcPath("net/fib_trie"));
        var addresses = body.RootElement.EnumerateArray().Select(i => i.GetProperty("ip_address").GetString()).Where(a => a is { Length: > 0 });
        foreach (var address in addresses)
        {
            Assert.Equal(AddressFamily.InterNetwork, IPAddress.Parse(address!).AddressFamily);
            Assert.Contains($"-- {address}\n", fibTrie, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonDocument> GetWhenReadyAsync(HttpClient client, string path)
    {
        HttpStatusCode status = 0;
        await TaskTimeoutExtensions.EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                status = response.StatusCode;
                return status == HttpStatusCode.OK;
            },
            because: $"{path} answered {status}");
        using var ready = await client.GetAsync(new Uri(path, UriKind.Relative)).WithTimeout();
        return JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
    }

    private static string KernelText(string relative) => File.ReadAllText(s_real.ProcPath(relative)).Trim();

    private static string[] KernelLines(string relative) => File.ReadAllLines(s_real.ProcPath(relative));

    private static long MemTotalBytes()
    {
        var line = KernelLines("meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = line["MemTotal:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }
}
