using System.Diagnostics;

namespace Agent.Tests.Support;

/// <summary>A Node.js script of <c>Agent.Tests/Node</c>, run as a real child process with line-wise stdout.</summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string> _lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder _stderr = new();

    private NodeScript(Process process)
    {
        _process = process;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static NodeScript Start(string script, params string[] arguments)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "Agent.Tests", "Node");
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                node._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (node._stderr)
            {
                node._stderr.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next line the script printed.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the node script printed nothing in time; stderr: {Stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WithTimeout();
        _process.Dispose();
    }
}
