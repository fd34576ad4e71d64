using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Proc;

// Ids 2050–2099 (Hosting/EventIds.md).
internal static partial class SystemLog
{
    [LoggerMessage(EventId = 2050, EventName = "SystemFileUnusable", Level = LogLevel.Warning,
        Message = "System source '{SourcePath}' is unusable ({Problem}); its values are reported as 0 until it recovers.")]
    public static partial void SystemFileUnusable(ILogger logger, string sourcePath, string problem);

    [LoggerMessage(EventId = 2051, EventName = "SystemFileRecovered", Level = LogLevel.Information,
        Message = "System source '{SourcePath}' is usable again.")]
    public static partial void SystemFileRecovered(ILogger logger, string sourcePath);

    [LoggerMessage(EventId = 2052, EventName = "HwmonPresenceChanged", Level = LogLevel.Information,
        Message = "Hwmon sensors under '{SourcePath}' present: {IsPresent}.")]
    public static partial void HwmonPresenceChanged(ILogger logger, string sourcePath, bool isPresent);

    [LoggerMessage(EventId = 2053, EventName = "SensorsRead", Level = LogLevel.Debug,
        Message = "Read {Temperatures} temperatures and {Fans} fans; {Dropped} readings dropped, {Unreadable} inputs unreadable.")]
    public static partial void SensorsRead(ILogger logger, int temperatures, int fans, int dropped, int unreadable);
}
