using System.Text.Json;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Docker;

/// <summary>
/// One private dockerd for the collection, with an imported busybox image and five containers in the states the
/// collector must tell apart: running with a passing health check, running with a failing one, exited, paused,
/// and restarting. Tests that change state create their own containers with <see cref="RunStoppableAsync"/>.
/// </summary>
public sealed class DockerDaemonFixture : IAsyncLifetime
{
    /// <summary>Running, health check passing.</summary>
    public const string Healthy = "uma-healthy";

    /// <summary>Running, health check failing.</summary>
    public const string Unhealthy = "uma-unhealthy";

    /// <summary>Exited with code 3.</summary>
    public const string Exited = "uma-exited";

    /// <summary>Paused.</summary>
    public const string Paused = "uma-paused";

    /// <summary>Failing at once under <c>--restart always</c>, so restarting most of the time.</summary>
    public const string Restarting = "uma-restarting";

    /// <summary>The five containers above.</summary>
    public static readonly IReadOnlyList<string> All = [Healthy, Unhealthy, Exited, Paused, Restarting];

    // A shell as PID 1 that ends on SIGTERM within a second, so stop and restart need no kill.
    private static readonly string[] s_stoppable = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"];

    private DockerDaemon? _daemon;

    /// <summary>The daemon; null where <see cref="DockerDaemon.MissingPrerequisite"/> says it cannot run.</summary>
    public DockerDaemon Daemon => _daemon ?? throw new InvalidOperationException("The private dockerd did not start.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (DockerDaemon.MissingPrerequisite() is not null)
        {
            return;
        }

        _daemon = await DockerDaemon.StartNewAsync();
        await _daemon.ImportBusyboxAsync();
        string[] run = ["run", "-d", "--network", "none", "--stop-timeout", "1"];
        string[] sleep = [DockerDaemon.Image, "sleep", "100000"];
        await Task.WhenAll(
            _daemon.CliAsync([.. run, "--name", Healthy, "--health-cmd", "true", "--health-interval", "1s", .. sleep]),
            _daemon.CliAsync([.. run, "--name", Unhealthy, "--health-cmd", "false", "--health-interval", "1s", "--health-retries", "1", .. sleep]),
            _daemon.CliAsync([.. run, "--name", Exited, DockerDaemon.Image, "sh", "-c", "exit 3"]),
            _daemon.CliAsync([.. run, "--name", Paused, .. sleep]),
            _daemon.CliAsync([.. run, "--name", Restarting, "--restart", "always", DockerDaemon.Image, "false"]));
        await _daemon.CliAsync("pause", Paused);
        await _daemon.CliAsync("wait", Exited);
        await TaskTimeoutExtensions.EventuallyAsync(
            async () => await HealthAsync(Healthy) == "healthy" && await HealthAsync(Unhealthy) == "unhealthy",
            TimeSpan.FromSeconds(30),
            "the health checks settle");
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            await _daemon.DisposeAsync();
        }
    }

    /// <summary>Starts a fresh running container of the calling test's own, stoppable within a second.</summary>
    public async Task<string> RunStoppableAsync(string name, params string[] options) =>
        await Daemon.CliAsync(
            ["run", "-d", "--network", "none", "--stop-timeout", "1", "--name", name, .. options, DockerDaemon.Image, .. s_stoppable]);

    /// <summary>A unique container name for one test.</summary>
    public static string UniqueName(string purpose) => $"uma-{purpose}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary><c>docker inspect</c> of one container.</summary>
    public async Task<JsonElement> InspectAsync(string container)
    {
        using var document = JsonDocument.Parse(await Daemon.CliAsync("inspect", container));
        return document.RootElement[0].Clone();
    }

    /// <summary><c>State.Status</c> as <c>docker inspect</c> says it.</summary>
    public async Task<string> StateAsync(string container) => await Daemon.CliAsync("inspect", "--format", "{{.State.Status}}", container);

    /// <summary>The agent on a real Kestrel, watching this daemon, with a one-second stop grace period.</summary>
    public Task<AgentServer> StartAgentAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Agent:Intervals:Containers"] = "30",
            ["Agent:Docker:Endpoint"] = Daemon.Endpoint,
            ["Agent:Docker:StopGracePeriodSeconds"] = "1",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return AgentServer.StartAsync(all);
    }

    private async Task<string> HealthAsync(string container) =>
        await Daemon.CliAsync("inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", container);
}
