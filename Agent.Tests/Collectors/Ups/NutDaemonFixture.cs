using System.Globalization;
using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

/// <summary>
/// A real NUT <c>upsd</c> on 127.0.0.1 and a free port, with one <c>dummy-ups</c> driver per <c>.dev</c> file of the
/// shared corpus (<c>dev0</c>, <c>dev1</c>, …), a static UPS for live changes (<c>live</c>), a sequence that goes on
/// battery and to low battery (<c>seq</c>), and a configured UPS whose driver is never started (<c>nodriver</c>).
/// Configuration and state live in a temp folder (NUT_CONFPATH, NUT_STATEPATH); every process is stopped by PID.
/// </summary>
public sealed class NutDaemonFixture : IAsyncLifetime
{
    public const string User = "agenttest";
    public const string Password = "agent-test-secret";
    public const string LiveUps = "live";
    public const string SequenceUps = "seq";
    public const string NoDriverUps = "nodriver";

    private const string UpsdPath = "/lib/nut/upsd";
    private const string UpsdrvctlPath = "/sbin/upsdrvctl";
    private readonly TempFolder _folder = new();

    public static bool IsInstalled => File.Exists(UpsdPath) && File.Exists("/lib/nut/dummy-ups") && File.Exists(UpsdrvctlPath);

    public int Port { get; private set; }

    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>UPS name on the daemon → the shared <c>.dev</c> file it serves.</summary>
    public IReadOnlyDictionary<string, string> DevFiles { get; private set; } = new Dictionary<string, string>();

    private string StatePath => Path.Combine(_folder.Path, "state");

    private Dictionary<string, string> Environment => new()
    {
        ["NUT_CONFPATH"] = _folder.Path,
        ["NUT_STATEPATH"] = StatePath,
    };

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }

        Port = LoopbackPort.Free();
        WriteConfiguration();
        foreach (var ups in DevFiles.Keys.Append(LiveUps).Append(SequenceUps))
        {
            var (code, output) = await ToolRun.RunAsync(UpsdrvctlPath, ["-u", "root", "start", ups], Environment);
            Assert.True(code == 0, $"upsdrvctl start {ups} failed: {output}");
        }

        var (upsdCode, upsdOutput) = await ToolRun.RunAsync(UpsdPath, ["-u", "root"], Environment);
        Assert.True(upsdCode == 0, $"upsd failed: {upsdOutput}");
        await TaskTimeoutExtensions.EventuallyAsync(DriversAnswerAsync, because: "upsd should serve every driver");
    }

    /// <summary>
    /// Sets a variable on the daemon the way an administrator does, with <c>upsrw</c>, and returns once upsd serves the
    /// new value: upsd hands a SET to the driver, which applies it in its own time (seconds on a loaded machine), so a
    /// test that times the agent's reaction starts its clock when the change is there to be read.
    /// </summary>
    public async Task SetAsync(string ups, string variable, string value)
    {
        var (code, output) = await ToolRun.RunAsync(
            "upsrw",
            ["-s", $"{variable}={value}", "-u", User, "-p", Password, $"{ups}@{Address}"]);
        Assert.True(code == 0, $"upsrw failed: {output}");
        await TaskTimeoutExtensions.EventuallyAsync(
            () => ServesAsync(ups, variable, value), because: $"upsd should serve {variable}={value} for {ups}");
    }

    /// <summary>A client of the agent's own for this daemon.</summary>
    internal NutClient CreateClient(string user = "", string password = "") =>
        new(UpsAddress.Parse(Address), user, password, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    public Task DisposeAsync()
    {
        if (Directory.Exists(StatePath))
        {
            foreach (var pidFile in Directory.GetFiles(StatePath, "*.pid"))
            {
                if (int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
                {
                    ToolRun.Stop(pid);
                }
            }
        }

        _folder.Dispose();
        return Task.CompletedTask;
    }

    private void WriteConfiguration()
    {
        var devFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (TestPaths.HasSharedFixtures)
        {
            var files = Directory.GetFiles(TestPaths.Shared("nut"), "*.dev").Order(StringComparer.Ordinal).ToArray();
            for (var i = 0; i < files.Length; i++)
            {
                devFiles[$"dev{i.ToString(CultureInfo.InvariantCulture)}"] = files[i];
            }
        }

        DevFiles = devFiles;
        var all = new List<KeyValuePair<string, string>>(devFiles)
        {
            new(LiveUps, TestPaths.Owned("Ups", "live-online.dev")),
            new(SequenceUps, TestPaths.Owned("Ups", "online-to-battery-to-low-battery.seq")),
            new(NoDriverUps, TestPaths.Owned("Ups", "live-online.dev")),
        };
        var sections = all.Select(u => $"[{u.Key}]\n  driver = dummy-ups\n  port = {u.Value}\n  desc = \"agent test {u.Key}\"\n");

        Directory.CreateDirectory(StatePath);
        if (!OperatingSystem.IsWindows())
        {
            // upsd refuses a state folder or configuration that others may read (ENVIRONMENT.md, real UPS daemons).
            File.SetUnixFileMode(StatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute);
        }

        WritePrivate("nut.conf", "MODE=standalone\n");
        WritePrivate("ups.conf", string.Join('\n', sections));
        WritePrivate("upsd.conf", $"LISTEN 127.0.0.1 {Port.ToString(CultureInfo.InvariantCulture)}\n");
        WritePrivate("upsd.users", $"[{User}]\n  password = {Password}\n  actions = SET\n  instcmds = ALL\n");
    }

    private void WritePrivate(string name, string content)
    {
        var path = _folder.Write(name, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
    }

    private async Task<bool> ServesAsync(string ups, string variable, string value)
    {
        var all = await CreateClient().ReadAllAsync(CancellationToken.None);
        return all.Any(u => u.Name == ups && u.Variables is { } v && v.TryGetValue(variable, out var served) && served == value);
    }

    private async Task<bool> DriversAnswerAsync()
    {
        try
        {
            var all = await CreateClient().ReadAllAsync(CancellationToken.None);
            return all.Where(u => u.Name != NoDriverUps).All(u => u.Variables is { } v && v.ContainsKey("ups.status"));
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException or UpsProtocolException)
        {
            return false;
        }
    }
}
