using System.Diagnostics;
using System.Globalization;
using Agent.Collectors.Hosting;
using Agent.Tests.Collectors.Gpu;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.Hosting;

public sealed class ProcessRunnerTests
{
    private static readonly TimeSpan s_short = TimeSpan.FromMilliseconds(500);

    // A tool that is meant to finish gets a limit it cannot meet only on a machine that is not running at all.
    private static readonly TimeSpan s_generous = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Run_ToolPrintsAndExits_ReturnsOutputAndStatus()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Write(Path.Combine(folder.Path, "tool"), "printf 'hello %s' \"$1\"\necho oops >&2");

        var result = await new ProcessRunner().RunAsync(Request(tool, ["world"], s_generous), CancellationToken.None).WithTimeout();

        Assert.True(result.Succeeded);
        Assert.Equal("hello world", result.StandardOutput);
        Assert.Equal("oops\n", result.StandardError);
    }

    [Fact]
    public async Task Run_ToolExitsThree_ReportsTheStatus()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Write(Path.Combine(folder.Path, "tool"), "exit 3");

        var result = await new ProcessRunner().RunAsync(Request(tool, timeout: s_generous), CancellationToken.None).WithTimeout();

        Assert.Equal(ProcessOutcome.Exited, result.Outcome);
        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task Run_ToolHangs_IsKilledWithItsChildrenAtTheTimeout()
    {
        using var folder = new TempFolder();
        var childPid = Path.Combine(folder.Path, "child.pid");
        var tool = ToolScript.Write(Path.Combine(folder.Path, "tool"), $"echo started\nsleep 30 &\necho $! > '{childPid}'\nwait");

        var watch = Stopwatch.StartNew();
        var result = await new ProcessRunner().RunAsync(Request(tool), CancellationToken.None).WithTimeout();

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.Equal("started\n", result.StandardOutput);
        Assert.InRange(watch.Elapsed, s_short, TimeSpan.FromSeconds(8));
        var pid = int.Parse(File.ReadAllText(childPid).Trim(), CultureInfo.InvariantCulture);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(!IsAlive(pid)), because: $"child {pid} must be killed");
    }

    [Fact]
    public async Task Run_TimeoutWithStopGrace_SendsSigtermAndKeepsWhatTheToolFlushed()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Write(
            Path.Combine(folder.Path, "tool"),
            "sleep 30 &\nchild=$!\ntrap 'kill $child; echo flushed; exit 0' TERM\necho started\nwait");
        var request = Request(tool) with { StopGrace = TimeSpan.FromSeconds(10) };

        var result = await new ProcessRunner().RunAsync(request, CancellationToken.None).WithTimeout();

        Assert.Equal(ProcessOutcome.TimedOut, result.Outcome);
        Assert.Equal("started\nflushed\n", result.StandardOutput);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(8), $"ended by SIGTERM, not by the grace limit; took {result.Elapsed}");
    }

    [Fact]
    public async Task Run_ToolPrintsHundredMegabytes_IsStoppedAtTheCap()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Write(Path.Combine(folder.Path, "tool"), "head -c 100000000 /dev/zero");
        var request = new ProcessRequest(tool, [], TimeSpan.FromSeconds(10), MaxOutputBytes: 64 * 1024);

        var result = await new ProcessRunner().RunAsync(request, CancellationToken.None).WithTimeout();

        Assert.Equal(ProcessOutcome.OutputTooLarge, result.Outcome);
        Assert.Equal(64 * 1024, result.StandardOutput.Length);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(8), $"took {result.Elapsed}");
    }

    [Fact]
    public async Task Run_MissingExecutable_ReportsFailedToStart()
    {
        using var folder = new TempFolder();

        var result = await new ProcessRunner().RunAsync(Request(Path.Combine(folder.Path, "absent")), CancellationToken.None).WithTimeout();

        Assert.Equal(ProcessOutcome.FailedToStart, result.Outcome);
        Assert.NotEmpty(result.StartError);
    }

    [Fact]
    public async Task Run_CallerCancels_ThrowsAndKillsTheTool()
    {
        using var folder = new TempFolder();
        var tool = ToolScript.Hang(Path.Combine(folder.Path, "tool"));
        using var cancel = new CancellationTokenSource();
        var request = new ProcessRequest(tool, [], TimeSpan.FromSeconds(30), 1024);

        var run = new ProcessRunner().RunAsync(request, cancel.Token);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(File.Exists(tool + ".pid") && new FileInfo(tool + ".pid").Length > 0));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WithTimeout());
        var pid = int.Parse(File.ReadAllText(tool + ".pid").Trim(), CultureInfo.InvariantCulture);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(!IsAlive(pid)), because: $"tool {pid} must be killed");
    }

    private static ProcessRequest Request(string tool, IReadOnlyList<string>? arguments = null, TimeSpan? timeout = null) =>
        new(tool, arguments ?? [], timeout ?? s_short, 1024 * 1024);

    // A killed child that init has not reaped yet is a zombie: gone for every purpose but /proc.
    private static bool IsAlive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
