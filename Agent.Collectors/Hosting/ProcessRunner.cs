using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Agent.Collectors.Hosting;

/// <summary>
/// <see cref="IProcessRunner"/> over <see cref="Process"/>. Output is read straight from the pipes, not through the
/// line events, so a tool that prints one huge line is still capped, and what a killed tool printed is kept (a tool
/// such as <c>intel_gpu_top</c> is meant to be stopped after its sample time).
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    // After a kill the pipes close as soon as the kernel has reaped the tree; this bounds the wait for a grandchild
    // that escaped the kill and still holds a pipe open.
    private static readonly TimeSpan s_drainLimit = TimeSpan.FromSeconds(2);

    /// <inheritdoc/>
    public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MaxOutputBytes);

        var started = Stopwatch.GetTimestamp();
        using var process = new Process { StartInfo = CreateStartInfo(request) };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return new ProcessResult { Outcome = ProcessOutcome.FailedToStart, StartError = ex.Message };
        }

        process.StandardInput.Close();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(request.Timeout);
        var output = new CappedReader(request.MaxOutputBytes, onOverflow: stop.Cancel);
        var error = new CappedReader(request.MaxErrorBytes, onOverflow: null);
        var outputDone = output.ReadAsync(process.StandardOutput.BaseStream);
        var errorDone = error.ReadAsync(process.StandardError.BaseStream);

        var outcome = await WaitAsync(process, outputDone, errorDone, output, stop.Token).ConfigureAwait(false);
        if (outcome != ProcessOutcome.Exited)
        {
            await StopAsync(process, cancellationToken.IsCancellationRequested ? null : request.StopGrace).ConfigureAwait(false);
        }

        await DrainAsync(outputDone, errorDone).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        return new ProcessResult
        {
            Outcome = outcome,
            ExitCode = outcome == ProcessOutcome.Exited ? process.ExitCode : null,
            StandardOutput = output.Text(),
            StandardError = error.Text(),
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    private static ProcessStartInfo CreateStartInfo(ProcessRequest request)
    {
        var info = new ProcessStartInfo(request.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in request.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task<ProcessOutcome> WaitAsync(
        Process process,
        Task outputDone,
        Task errorDone,
        CappedReader output,
        CancellationToken stopToken)
    {
        try
        {
            // Exit alone is not the end: the output may still be in the pipe.
            await process.WaitForExitAsync(stopToken).ConfigureAwait(false);
            await Task.WhenAll(outputDone, errorDone).WaitAsync(stopToken).ConfigureAwait(false);
            return ProcessOutcome.Exited;
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            return output.Overflowed ? ProcessOutcome.OutputTooLarge : ProcessOutcome.TimedOut;
        }
    }

    private static async Task StopAsync(Process process, TimeSpan? grace)
    {
        if (grace is { } wait && !OperatingSystem.IsWindows() && !process.HasExited && Native.Kill(process.Id, Native.SigTerm) == 0)
        {
            try
            {
                await process.WaitForExitAsync(CancellationToken.None).WaitAsync(wait).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // It ignored SIGTERM; the kill below ends it.
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(s_drainLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The kernel has not reaped it yet; the pipes are drained with their own limit.
        }
        catch (InvalidOperationException)
        {
            // The process exited between the timeout and the kill; there is nothing left to stop.
        }
        catch (Win32Exception)
        {
            // A member of the tree exited while it was being walked; the others were signalled.
        }
    }

    private static async Task DrainAsync(Task outputDone, Task errorDone)
    {
        try
        {
            await Task.WhenAll(outputDone, errorDone).WaitAsync(s_drainLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A descendant outside the killed tree keeps a pipe open; the text read so far is all there is.
        }
    }

    private static class Native
    {
        public const int SigTerm = 15;

        // Process.Kill only sends SIGKILL, which loses what a tool buffered; SIGTERM lets it exit cleanly.
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int signal);
    }

    private sealed class CappedReader(int maxBytes, Action? onOverflow)
    {
        // Guards _buffer, which the reading task fills while the caller may already take the text after a drain limit.
        private readonly Lock _gate = new();
        private readonly MemoryStream _buffer = new();

        public bool Overflowed { get; private set; }

        public async Task ReadAsync(Stream stream)
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                Append(chunk, read);
            }
        }

        public string Text()
        {
            lock (_gate)
            {
                return Encoding.UTF8.GetString(_buffer.GetBuffer(), 0, (int)_buffer.Length);
            }
        }

        private void Append(byte[] chunk, int read)
        {
            bool overflowNow;
            lock (_gate)
            {
                var room = maxBytes - (int)_buffer.Length;
                _buffer.Write(chunk, 0, Math.Min(room, read));
                overflowNow = read > room && !Overflowed;
                Overflowed |= read > room;
            }

            if (overflowNow)
            {
                onOverflow?.Invoke();
            }
        }
    }
}
