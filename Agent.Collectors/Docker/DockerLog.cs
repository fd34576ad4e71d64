using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Docker;

internal static partial class DockerLog
{
    [LoggerMessage(EventId = 2300, EventName = "EventStreamConnected", Level = LogLevel.Information,
        Message = "Following the Docker event stream at {Endpoint}.")]
    public static partial void EventStreamConnected(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2301, EventName = "EventStreamLost", Level = LogLevel.Warning,
        Message = "The Docker event stream at {Endpoint} ended; reconnecting with a backoff of up to {MaxBackoff}.")]
    public static partial void EventStreamLost(ILogger logger, string endpoint, TimeSpan maxBackoff, Exception? exception);

    [LoggerMessage(EventId = 2302, EventName = "ContainerEventReceived", Level = LogLevel.Debug,
        Message = "Docker event '{Action}' for container '{ContainerId}'; collecting now.")]
    public static partial void ContainerEventReceived(ILogger logger, string action, string containerId);

    [LoggerMessage(EventId = 2303, EventName = "ContainerDetailsFailed", Level = LogLevel.Warning,
        Message = "Inspect or stats of container '{ContainerId}' failed; it is listed without them.")]
    public static partial void ContainerDetailsFailed(ILogger logger, string containerId, Exception exception);

    [LoggerMessage(EventId = 2304, EventName = "ContainersCollected", Level = LogLevel.Debug,
        Message = "Collected {Count} containers, {Running} running.")]
    public static partial void ContainersCollected(ILogger logger, int count, int running);

    [LoggerMessage(EventId = 2305, EventName = "ContainerActionFailed", Level = LogLevel.Warning,
        Message = "Docker refused '{Action}' on container '{Container}' with status {StatusCode}.")]
    public static partial void ContainerActionFailed(ILogger logger, string action, string container, int statusCode, Exception exception);

    [LoggerMessage(EventId = 2306, EventName = "EventStreamUnreadable", Level = LogLevel.Warning,
        Message = "The Docker endpoint {Endpoint} answered with something that is not the Engine API ({Reason}); "
            + "retrying with a backoff of up to {MaxBackoff}.")]
    public static partial void EventStreamUnreadable(ILogger logger, string endpoint, string reason, TimeSpan maxBackoff);
}
