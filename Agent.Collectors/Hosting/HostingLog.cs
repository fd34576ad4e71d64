using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 2000, EventName = "SourceDetected", Level = LogLevel.Information,
        Message = "Source '{Subsystem}' is available.")]
    public static partial void SourceDetected(ILogger logger, string subsystem);

    [LoggerMessage(EventId = 2001, EventName = "SourceRecovered", Level = LogLevel.Information,
        Message = "Source '{Subsystem}' recovered after being {PreviousState}.")]
    public static partial void SourceRecovered(ILogger logger, string subsystem, string previousState);

    [LoggerMessage(EventId = 2002, EventName = "SourceAbsent", Level = LogLevel.Information,
        Message = "Source '{Subsystem}' is not present: {Reason}.")]
    public static partial void SourceAbsent(ILogger logger, string subsystem, string reason);

    [LoggerMessage(EventId = 2003, EventName = "SourceDegraded", Level = LogLevel.Warning,
        Message = "Source '{Subsystem}' is {State}: {Reason}.")]
    public static partial void SourceDegraded(ILogger logger, string subsystem, string state, string reason);

    [LoggerMessage(EventId = 2004, EventName = "SourceDisabled", Level = LogLevel.Information,
        Message = "Source '{Subsystem}' is disabled by configuration.")]
    public static partial void SourceDisabled(ILogger logger, string subsystem);

    [LoggerMessage(EventId = 2005, EventName = "CollectionFailed", Level = LogLevel.Error,
        Message = "Collector '{Collector}' failed; the next interval runs as planned.")]
    public static partial void CollectionFailed(ILogger logger, string collector, Exception exception);

    [LoggerMessage(EventId = 2006, EventName = "CollectionFinished", Level = LogLevel.Debug,
        Message = "Collector '{Collector}' finished in {ElapsedMilliseconds} ms.")]
    public static partial void CollectionFinished(ILogger logger, string collector, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2007, EventName = "SourceReasonChanged", Level = LogLevel.Debug,
        Message = "Source '{Subsystem}' is still {State}: {Reason}.")]
    public static partial void SourceReasonChanged(ILogger logger, string subsystem, string state, string reason);
}
