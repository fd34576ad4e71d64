using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Sysfs;

// Ids 2100–2149 (Hosting/EventIds.md).
internal static partial class SysfsLog
{
    [LoggerMessage(EventId = 2100, EventName = "NetworkClassMissing", Level = LogLevel.Warning,
        Message = "The network class folder '{SourcePath}' is missing; no interfaces are reported until it appears.")]
    public static partial void NetworkClassMissing(ILogger logger, string sourcePath);

    [LoggerMessage(EventId = 2101, EventName = "InterfaceAppeared", Level = LogLevel.Information,
        Message = "Network interface '{Interface}' appeared.")]
    public static partial void InterfaceAppeared(ILogger logger, string @interface);

    [LoggerMessage(EventId = 2102, EventName = "InterfaceVanished", Level = LogLevel.Information,
        Message = "Network interface '{Interface}' vanished.")]
    public static partial void InterfaceVanished(ILogger logger, string @interface);
}
