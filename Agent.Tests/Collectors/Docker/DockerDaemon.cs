using System.Diagnostics;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Docker;

/// <summary>
/// A private <c>dockerd</c> for tests: its own data root, exec root, pid file and unix socket in a temp folder, no
/// bridge network and no iptables rules, so it touches nothing outside that folder. Driven with the real
/// <c>docker</c> CLI. Containers must run with <c>--network none</c>.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    /// <summary>The image that <see cref="ImportBusyboxAsync"/> creates from <c>/bin/busybox</c>.</summary>
    public const string Image = "uma-busybox:test";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan s_cliTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] s_busyboxLinks = ["sh", "sleep", "true", "false", "echo", "cat", "kill"];

    private Process? _process;

    private DockerDaemon()
    {
        // Short: unix socket paths are limited to 108 bytes, and containerd puts its own sockets below exec-root.
        Root = Path.Combine("/tmp", $"uma-dk-{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "daemon.json"), "{}");
    }

    /// <summary>The folder that holds everything of this daemon.</summary>
    public string Root { get; }

    /// <summary>The daemon's API socket.</summary>
    public string SocketPath => Path.Combine(Root, "docker.sock");

    /// <summary>The socket as an endpoint address for <c>Agent:Docker:Endpoint</c>.</summary>
    public string Endpoint => $"unix://{SocketPath}";

    /// <summary>Whether this machine can run a private daemon: root, <c>dockerd</c>, <c>docker</c> and busybox.</summary>
    public static string? MissingPrerequisite()
    {
        if (Environment.UserName != "root")
        {
            return "waits for root: dockerd needs it to mount and create namespaces";
        }

        foreach (var tool in new[] { "dockerd", "docker", "busybox", "tar" })
        {
            var paths = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/sbin");
            if (!paths.Any(p => File.Exists(Path.Combine(p, tool))))
            {
                return $"waits for '{tool}' on PATH (Debian packages docker.io and busybox-static)";
            }
        }

        return null;
    }

    /// <summary>Starts a new daemon and waits until it answers.</summary>
    public static async Task<DockerDaemon> StartNewAsync()
    {
        var daemon = new DockerDaemon();
        await daemon.StartAsync().ConfigureAwait(false);
        return daemon;
    }

    /// <summary>Starts (or starts again) the daemon and waits until the CLI reaches it.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec dockerd {string.Join(' ', DaemonArguments())} >>'{Path.Combine(Root, "dockerd.log")}' 2>&1" },
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("dockerd did not start.");
        var deadline = DateTime.UtcNow + s_startTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dockerd exited with {_process.ExitCode}: {Tail()}");
            }

            if (File.Exists(SocketPath) && (await RunCliAsync(["version", "--format", "{{.Server.APIVersion}}"], check: false)).ExitCode == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dockerd did not answer within {s_startTimeout}: {Tail()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the daemon by its PID (SIGTERM, then SIGKILL) and unmounts what it left mounted.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().WithTimeout().ConfigureAwait(false);
            }

            try
            {
                await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                process.Kill();
                await process.WaitForExitAsync().WithTimeout().ConfigureAwait(false);
            }
        }

        _process?.Dispose();
        _process = null;
        await UnmountLeftoversAsync().ConfigureAwait(false);
    }

    /// <summary>Runs <c>docker -H unix://…</c> with <paramref name="args"/> and returns its trimmed output.</summary>
    public async Task<string> CliAsync(params string[] args) => (await RunCliAsync(args, check: true).ConfigureAwait(false)).Output;

    /// <summary>Builds a rootfs from <c>/bin/busybox</c> with links for the usual commands and imports it.</summary>
    public async Task ImportBusyboxAsync()
    {
        var rootfs = Path.Combine(Root, "rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        var busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
        File.Copy(busybox, Path.Combine(rootfs, "bin", "busybox"), overwrite: true);
        foreach (var link in s_busyboxLinks)
        {
            File.CreateSymbolicLink(Path.Combine(rootfs, "bin", link), "busybox");
        }

        var tarball = Path.Combine(Root, "rootfs.tar");
        await RunAsync("tar", ["-C", rootfs, "-cf", tarball, "."], check: true).ConfigureAwait(false);
        await CliAsync("import", tarball, Image).ConfigureAwait(false);
    }

    /// <summary>Removes every container, stops the daemon, unmounts and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            var ids = await RunCliAsync(["ps", "-aq"], check: false).ConfigureAwait(false);
            var all = ids.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (all.Length > 0)
            {
                await RunCliAsync(["rm", "-f", .. all], check: false).ConfigureAwait(false);
            }
        }

        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A busy mount left by a crashed daemon keeps its folder; /tmp is cleaned by the OS.
        }
    }

    private IEnumerable<string> DaemonArguments() =>
    [
        $"--data-root={Path.Combine(Root, "data")}",
        $"--exec-root={Path.Combine(Root, "exec")}",
        $"--pidfile={Path.Combine(Root, "docker.pid")}",
        $"--config-file={Path.Combine(Root, "daemon.json")}",
        $"-H unix://{SocketPath}",
        "--bridge=none",
        "--iptables=false",
        "--ip6tables=false",
        "--ip-masq=false",
        "--log-level=warn",
    ];

    private async Task UnmountLeftoversAsync()
    {
        // netns/default under exec-root and overlay mounts under data-root can outlive a killed daemon.
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts").ConfigureAwait(false))
            .Select(l => l.Split(' ')[1])
            .Where(m => m.StartsWith(Root + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Length)
            .ToList();
        foreach (var mount in mounts)
        {
            await RunAsync("umount", ["-l", mount], check: false).ConfigureAwait(false);
        }
    }

    private Task<(int ExitCode, string Output)> RunCliAsync(string[] args, bool check) =>
        RunAsync("docker", ["-H", Endpoint, .. args], check);

    private async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, bool check)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOCKER_CONFIG"] = Path.Combine(Root, "cli") },
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var limit = new CancellationTokenSource(s_cliTimeout);
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {s_cliTimeout}.");
        }

        var text = (await output.ConfigureAwait(false)).Trim();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}");
        }

        return (process.ExitCode, text);
    }

    private string Tail()
    {
        var log = Path.Combine(Root, "dockerd.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(10)) : "(no log)";
    }
}
