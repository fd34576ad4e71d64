using Microsoft.Extensions.Logging;

namespace Agent.Collectors.UnraidIni;

internal static partial class UnraidIniLog
{
    [LoggerMessage(EventId = 2150, EventName = "WatcherStarted", Level = LogLevel.Information,
        Message = "Watching the emhttp folder '{Folder}' for changes.")]
    public static partial void WatcherStarted(ILogger logger, string folder);

    [LoggerMessage(EventId = 2151, EventName = "WatcherStopped", Level = LogLevel.Information,
        Message = "Stopped watching the emhttp folder '{Folder}': {Reason}.")]
    public static partial void WatcherStopped(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 2152, EventName = "WatcherFailed", Level = LogLevel.Warning,
        Message = "The watcher of the emhttp folder '{Folder}' failed; changes are seen at the next interval until it is restarted.")]
    public static partial void WatcherFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 2153, EventName = "FileIncomplete", Level = LogLevel.Debug,
        Message = "The emhttp file '{FilePath}' was read half-written (attempt {Attempt}); the previous value stays.")]
    public static partial void FileIncomplete(ILogger logger, string filePath, int attempt);

    [LoggerMessage(EventId = 2154, EventName = "FileChanged", Level = LogLevel.Debug,
        Message = "The emhttp file '{FileName}' changed; collecting now.")]
    public static partial void FileChanged(ILogger logger, string fileName);
}
