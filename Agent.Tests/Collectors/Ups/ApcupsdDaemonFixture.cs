using System.Diagnostics;
using System.Globalization;
using Agent.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Ups;

/// <summary>
/// Two real apcupsd daemons serving NIS on 127.0.0.1 and free ports: one with the <c>test</c> driver (a UPS on mains,
/// no hardware), and one with the <c>net</c> driver pointed at a free port where nothing listens, which reports
/// <c>COMMLOST</c>. The binaries come from <c>build/deps/apcupsd.sh</c>; each daemon runs in the foreground and is
/// stopped by PID.
/// </summary>
public sealed class ApcupsdDaemonFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly List<Process> _daemons = [];

    /// <summary>Where <c>build/deps/apcupsd.sh</c> unpacks apcupsd.</summary>
    public static string Root =>
        System.Environment.GetEnvironmentVariable("UMA_APCUPSD_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(
                System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                    ? cache
                    : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache"),
                "uma-deps",
                "apcupsd");

    public static bool IsInstalled => File.Exists(Path.Combine(Root, "sbin", "apcupsd"));

    public string TestDriverAddress { get; private set; } = "";

    public string CommLostAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }

        TestDriverAddress = Start("test", "UPSTYPE test\nDEVICE\n");
        CommLostAddress = Start("commlost", $"UPSTYPE net\nDEVICE 127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}\n");
        await TaskTimeoutExtensions.EventuallyAsync(
            () => StatusIsAsync(TestDriverAddress, s => s.StartsWith("ONLINE", StringComparison.Ordinal)),
            because: "the test driver should report ONLINE");
        await TaskTimeoutExtensions.EventuallyAsync(
            () => StatusIsAsync(CommLostAddress, s => s == "COMMLOST"),
            TimeSpan.FromSeconds(60),
            "the net driver with no server should report COMMLOST");
    }

    /// <summary>A client of the agent's own for one of the daemons.</summary>
    internal static ApcupsdNisClient CreateClient(string address) =>
        new(UpsAddress.Parse(address), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    public Task DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            ToolRun.Stop(daemon.Id);
            daemon.Dispose();
        }

        _folder.Dispose();
        return Task.CompletedTask;
    }

    private string Start(string name, string driver)
    {
        var folder = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(Path.Combine(folder, "scripts"));
        var port = LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);

        // apcupsd refuses a configuration whose first line is not this header.
        var config = _folder.Write(Path.Combine(name, "apcupsd.conf"), $"""
            ## apcupsd.conf v1.1 ##
            UPSNAME {name}
            UPSCABLE usb
            {driver}LOCKFILE {folder}
            SCRIPTDIR {folder}/scripts
            PWRFAILDIR {folder}
            NOLOGINDIR {folder}
            NETSERVER on
            NISIP 127.0.0.1
            NISPORT {port}
            EVENTSFILE {folder}/events
            STATFILE {folder}/status
            UPSCLASS standalone
            UPSMODE disable

            """);
        var start = new ProcessStartInfo(Path.Combine(Root, "sbin", "apcupsd"))
        {
            ArgumentList = { "-b", "-f", config, "-P", Path.Combine(folder, "apcupsd.pid") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("apcupsd did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _daemons.Add(process);
        return $"127.0.0.1:{port}";
    }

    private static async Task<bool> StatusIsAsync(string address, Func<string, bool> expected)
    {
        try
        {
            var records = ApcupsdStatusParser.ParseRecords(await CreateClient(address).ReadStatusAsync(CancellationToken.None));
            return records.TryGetValue("STATUS", out var status) && expected(status);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException or UpsProtocolException)
        {
            return false;
        }
    }
}
