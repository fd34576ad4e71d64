using System.Diagnostics;

namespace Agent.Bench.Runner;

/// <summary>
/// A server or load client the harness started. Servers print <c>ready PID</c> once they listen and exit when their
/// standard input closes; a child still running after its grace period is killed by its own process id.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _tail = [];

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    /// <summary>Starts a child with the harness's environment plus <paramref name="environment"/>.</summary>
    /// <remarks>
    /// Each program keeps the runtime settings it ships with (the agent its own GC and JIT settings, the plain hub the
    /// web SDK's defaults); the harness does not override them, so that what is measured is what a user runs.
    /// </remarks>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new ChildProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        child._process.Exited += (_, _) => child._ready.TrySetException(new InvalidOperationException($"'{fileName}' exited: {child.Tail()}"));
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    public Task WaitReadyAsync(TimeSpan timeout) => _ready.Task.WaitAsync(timeout);

    public async Task<int> WaitExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public string Tail()
    {
        lock (_tail)
        {
            return string.Join(" | ", _tail.TakeLast(8));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            try
            {
                await WaitExitAsync(s_grace).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: false);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("ready ", StringComparison.Ordinal))
        {
            _ready.TrySetResult(_process.Id);
        }

        lock (_tail)
        {
            _tail.Add(line.Length > 300 ? line[..300] : line);
            if (_tail.Count > 50)
            {
                _tail.RemoveAt(0);
            }
        }
    }
}
