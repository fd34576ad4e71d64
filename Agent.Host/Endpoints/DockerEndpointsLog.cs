namespace Agent.Host.Endpoints;

internal static partial class DockerEndpointsLog
{
    [LoggerMessage(EventId = 1250, EventName = "ContainerActionHandled", Level = LogLevel.Information,
        Message = "Container action from {RemoteAddress}: '{Action}' on '{Container}' ended {Outcome} ({StatusCode}) in {Elapsed}.")]
    public static partial void ContainerActionHandled(
        ILogger logger, string remoteAddress, string container, string action, string outcome, int statusCode, TimeSpan elapsed);

    [LoggerMessage(EventId = 1251, EventName = "ContainerActionRefused", Level = LogLevel.Information,
        Message = "Container action from {RemoteAddress}: '{Action}' on '{Container}' refused, the agent is read-only.")]
    public static partial void ContainerActionRefused(ILogger logger, string remoteAddress, string container, string action);
}
