using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using Agent.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Plugin;

/// <summary>
/// Installs the built plugin into a temporary root the way Unraid's plugin manager does (download entry, then each
/// inline script in order), and drives the installed agent with the plugin's own scripts.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PluginInstallTests(PackageBuild build) : IDisposable
{
    private const string Name = "unraid-management-agent";
    private static readonly TimeSpan s_scriptTimeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _root = new();

    private string ConfigFile => Path.Combine(_root.Path, "boot/config/plugins", Name, "config.cfg");

    private string RcScript => Path.Combine(_root.Path, "etc/rc.d", "rc." + Name);

    private string PluginFolder => Path.Combine(_root.Path, "usr/local/emhttp/plugins", Name);

    private string PidFile => Path.Combine(_root.Path, "var/run", Name + ".pid");

    [Fact]
    public async Task Plugin_InstallStartConfigureStopRemove_WorksFromTheScriptsAlone()
    {
        var before = PrepareRoot();
        var plugin = PluginDocument.Load(build.PluginFile);
        await InstallAsync(plugin);
        var port = FreePort();
        WriteSettings(port, maxClients: 2);

        var start = await RcAsync("start");
        var status = await RcAsync("status");
        using var http = new HttpClient { Timeout = TaskTimeoutExtensions.DefaultTimeout };
        var health = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/v1/health"));

        Assert.True(start.ExitCode == 0, start.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Equal(2, (await ConnectionsAsync(http, port)).GetProperty("max_clients").GetInt32());
        await AssertTransportsAndCapAsync(http, port);

        var newPort = FreePort();
        WriteSettings(newPort, maxClients: 5);
        var apply = await ScriptRun.RunAsync(Path.Combine(PluginFolder, "scripts/apply"), [], Environment(), s_scriptTimeout);

        Assert.True(apply.ExitCode == 0, apply.Output);
        Assert.Equal(5, (await ConnectionsAsync(http, newPort)).GetProperty("max_clients").GetInt32());

        var pid = int.Parse(await File.ReadAllTextAsync(PidFile), System.Globalization.CultureInfo.InvariantCulture);
        var stop = await RcAsync("stop");
        var stopped = await RcAsync("status");

        Assert.True(stop.ExitCode == 0, stop.Output);
        Assert.Equal(3, stopped.ExitCode);
        Assert.False(IsRunning(pid));
        var log = await File.ReadAllTextAsync(Path.Combine(_root.Path, "var/log", Name + ".log"));
        Assert.Contains("Application is shutting down", log, StringComparison.Ordinal);

        foreach (var script in plugin.RemoveScripts)
        {
            var removed = await RunInlineAsync(script);
            Assert.True(removed.ExitCode == 0, removed.Output);
        }

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task Plugin_BadValueInConfig_ApplyAndStartRefuseNamingTheKey()
    {
        PrepareRoot();
        await InstallAsync(PluginDocument.Load(build.PluginFile));
        var text = await File.ReadAllTextAsync(ConfigFile);
        await File.WriteAllTextAsync(ConfigFile, text.Replace("MAX_CLIENTS=\"10\"", "MAX_CLIENTS=\"0\"", StringComparison.Ordinal));

        var apply = await ScriptRun.RunAsync(Path.Combine(PluginFolder, "scripts/apply"), [], Environment(), s_scriptTimeout);
        var start = await RcAsync("start");
        var status = await RcAsync("status");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("MAX_CLIENTS", apply.Output, StringComparison.Ordinal);
        Assert.Equal(1, start.ExitCode);
        Assert.Contains("Invalid setting MAX_CLIENTS", start.Output, StringComparison.Ordinal);
        Assert.Equal(3, status.ExitCode);
    }

    [Fact]
    public async Task Plugin_OlderUnraid_VersionGateRefusesToInstall()
    {
        PrepareRoot("6.11.5");
        var gate = PluginDocument.Load(build.PluginFile).InstallScripts[0];

        var run = await RunInlineAsync(gate);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("6.12.0", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        // A failed assertion must not leave the agent running: end it by the PID the rc script recorded.
        if (File.Exists(PidFile) && int.TryParse(File.ReadAllText(PidFile), out var pid) && IsRunning(pid))
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(TaskTimeoutExtensions.DefaultTimeout);
        }

        _root.Dispose();
    }

    private static async Task AssertTransportsAndCapAsync(HttpClient http, int port)
    {
        var hubUri = new Uri($"http://127.0.0.1:{port}/hubs/agent");
        await using var json = new HubConnectionBuilder().WithUrl(hubUri).Build();
        await using var messagePack = new HubConnectionBuilder().WithUrl(hubUri).AddMessagePackProtocol().Build();
        await json.StartAsync().WithTimeout();
        await messagePack.StartAsync().WithTimeout();
        await json.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        await messagePack.InvokeAsync("Subscribe", new[] { "system" }).WithTimeout();
        var byTransport = (await ConnectionsAsync(http, port)).GetProperty("by_transport");

        Assert.Equal(1, byTransport.GetProperty("signalr_json").GetInt32());
        Assert.Equal(1, byTransport.GetProperty("signalr_messagepack").GetInt32());

        var socketUri = new Uri($"ws://127.0.0.1:{port}/api/v1/ws");
        using var refused = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(socketUri, CancellationToken.None).WithTimeout());
        await json.StopAsync().WithTimeout();

        using var raw = new ClientWebSocket();
        await TaskTimeoutExtensions.EventuallyAsync(
            async () =>
            {
                var figures = await ConnectionsAsync(http, port);
                return figures.GetProperty("current").GetInt32() == 1;
            },
            because: "the stopped hub connection frees its slot");
        await raw.ConnectAsync(socketUri, CancellationToken.None).WithTimeout();

        Assert.Equal(WebSocketState.Open, raw.State);
        Assert.Equal(1, (await ConnectionsAsync(http, port)).GetProperty("by_transport").GetProperty("raw").GetInt32());
    }

    private static async Task<JsonElement> ConnectionsAsync(HttpClient http, int port) =>
        await http.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{port}/api/v1/connections"));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRunning(int pid) => Directory.Exists($"/proc/{pid}");

    // The folders an Unraid root already has before the plugin arrives, and the release file of the version gate.
    private SortedSet<string> PrepareRoot(string unraidVersion = "6.12.10")
    {
        foreach (var folder in new[] { "etc/rc.d", "var/log", "var/run", "boot/config/plugins", "usr/local/emhttp/plugins" })
        {
            Directory.CreateDirectory(Path.Combine(_root.Path, folder));
        }

        _root.Write("etc/unraid-version", $"version=\"{unraidVersion}\"\n");
        return Snapshot();
    }

    // Unraid's plugin manager handles each FILE in order: a download entry is stored under its Name (checksums are
    // checked by PluginPackageTests) and installed by upgradepkg, which unpacks into "/" and drops the install/ folder;
    // an inline script runs with bash.
    private async Task InstallAsync(PluginDocument plugin)
    {
        foreach (var file in plugin.Files.Where(file => file.Attribute("Method") is null))
        {
            if (file.Element("URL") is not null)
            {
                var stored = _root.File(file.Attribute("Name")!.Value.TrimStart('/'));
                File.Copy(build.PackageFile, stored);
                var unpack = await ScriptRun.RunAsync("tar", ["-xJf", stored, "-C", _root.Path], timeout: s_scriptTimeout);
                Assert.True(unpack.ExitCode == 0, unpack.Output);
                Directory.Delete(Path.Combine(_root.Path, "install"), recursive: true);
                continue;
            }

            var run = await RunInlineAsync(file.Element("INLINE")!.Value);
            Assert.True(run.ExitCode == 0, run.Output);
        }
    }

    private void WriteSettings(int port, int maxClients)
    {
        var lines = File.ReadAllLines(ConfigFile).Select(line => line.Split('=')[0] switch
        {
            "PORT" => $"PORT=\"{port}\"",
            "BIND_ADDRESS" => "BIND_ADDRESS=\"127.0.0.1\"",
            "MAX_CLIENTS" => $"MAX_CLIENTS=\"{maxClients}\"",
            var key when key.StartsWith("INTERVAL_", StringComparison.Ordinal) => $"{key}=\"0\"",
            _ => line,
        });
        File.WriteAllLines(ConfigFile, lines);
    }

    private Task<ScriptRun> RcAsync(string command) => ScriptRun.RunAsync(RcScript, [command], Environment(), s_scriptTimeout);

    private Task<ScriptRun> RunInlineAsync(string script) =>
        ScriptRun.RunAsync("bash", ["-s"], Environment(), s_scriptTimeout, standardInput: script);

    private Dictionary<string, string> Environment() => new() { ["UMA_ROOT"] = _root.Path };

    private SortedSet<string> Snapshot() =>
        [.. Directory.EnumerateFileSystemEntries(_root.Path, "*", SearchOption.AllDirectories)
            .Select(entry => Path.GetRelativePath(_root.Path, entry))];
}
