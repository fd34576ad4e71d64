using Agent.Collectors.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Watches the emhttp folder and, after a short quiet time per file, calls the handlers registered for that file, so a
/// rewrite (often several write events) is one collection. The collectors start it when they find the folder and stop
/// it when it is gone, so a folder that appears later is watched from the next interval on.
/// </summary>
internal sealed class EmhttpWatcher : IDisposable
{
    private readonly string _folder;
    private readonly TimeSpan _debounce;
    private readonly TimeProvider _time;
    private readonly ILogger<EmhttpWatcher> _logger;

    // Guards _watcher, _files and _disposed: the watcher's events, its timers and the collectors all reach them.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WatchedFile> _files = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private bool _disposed;

    public EmhttpWatcher(
        IOptions<SourcePathsOptions> paths,
        IOptions<EmhttpOptions> options,
        TimeProvider time,
        ILogger<EmhttpWatcher> logger)
    {
        _folder = paths.Value.Emhttp;
        _debounce = options.Value.Debounce;
        _time = time;
        _logger = logger;
    }

    /// <summary>Calls <paramref name="onChanged"/> after <paramref name="fileName"/> changed and then stayed quiet.</summary>
    public void Register(string fileName, Action onChanged)
    {
        lock (_gate)
        {
            if (!_files.TryGetValue(fileName, out var file))
            {
                file = new WatchedFile(this, fileName);
                _files[fileName] = file;
            }

            file.Handlers.Add(onChanged);
        }
    }

    /// <summary>Starts watching if the folder exists and no watcher runs.</summary>
    public void EnsureStarted()
    {
        lock (_gate)
        {
            if (_disposed || _watcher is not null || !Directory.Exists(_folder))
            {
                return;
            }

            try
            {
                _watcher = CreateWatcher();
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
            {
                UnraidIniLog.WatcherFailed(_logger, _folder, ex);
                return;
            }
        }

        UnraidIniLog.WatcherStarted(_logger, _folder);
    }

    /// <summary>Stops watching, e.g. because the folder went away.</summary>
    public void Stop(string reason)
    {
        FileSystemWatcher? stopped;
        lock (_gate)
        {
            stopped = _watcher;
            _watcher = null;
        }

        if (stopped is not null)
        {
            stopped.Dispose();
            UnraidIniLog.WatcherStopped(_logger, _folder, reason);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        FileSystemWatcher? watcher;
        lock (_gate)
        {
            _disposed = true;
            watcher = _watcher;
            _watcher = null;
            foreach (var file in _files.Values)
            {
                file.Timer?.Dispose();
                file.Timer = null;
            }
        }

        watcher?.Dispose();
    }

    private FileSystemWatcher CreateWatcher()
    {
        var watcher = new FileSystemWatcher(_folder)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, e) => OnChanged(e.Name);
        watcher.Created += (_, e) => OnChanged(e.Name);
        watcher.Deleted += (_, e) => OnChanged(e.Name);
        watcher.Renamed += (_, e) =>
        {
            OnChanged(e.OldName);
            OnChanged(e.Name);
        };
        watcher.Error += (_, e) => OnError(watcher, e.GetException());
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    private void OnChanged(string? name)
    {
        lock (_gate)
        {
            if (_disposed || name is null || !_files.TryGetValue(name, out var file))
            {
                return;
            }

            // Each event moves the file's timer out again; it fires once the writes have stopped for the debounce time.
            file.Timer ??= _time.CreateTimer(static state => ((WatchedFile)state!).Fire(), file, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            file.Timer.Change(_debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnError(FileSystemWatcher failed, Exception exception)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_watcher, failed))
            {
                return;
            }

            _watcher = null;
        }

        failed.Dispose();
        UnraidIniLog.WatcherFailed(_logger, _folder, exception);
    }

    private void Notify(WatchedFile file)
    {
        Action[] handlers;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            handlers = [.. file.Handlers];
        }

        UnraidIniLog.FileChanged(_logger, file.Name);
        foreach (var handler in handlers)
        {
            handler();
        }
    }

    private sealed class WatchedFile(EmhttpWatcher owner, string name)
    {
        public string Name { get; } = name;

        public List<Action> Handlers { get; } = [];

        public ITimer? Timer { get; set; }

        public void Fire() => owner.Notify(this);
    }
}
