using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Ups;

internal static partial class UpsLog
{
    [LoggerMessage(EventId = 2200, EventName = "UpsBackendSelected", Level = LogLevel.Information,
        Message = "UPS backend '{Backend}' at {Address} answers; the topic follows UPS '{UpsName}' of {UpsCount}.")]
    public static partial void BackendSelected(ILogger logger, string backend, string address, string upsName, int upsCount);

    [LoggerMessage(EventId = 2201, EventName = "UpsBackendNotAnswering", Level = LogLevel.Debug,
        Message = "UPS backend '{Backend}' at {Address} did not answer.")]
    public static partial void BackendNotAnswering(ILogger logger, string backend, string address, Exception exception);

    [LoggerMessage(EventId = 2202, EventName = "UpsConfiguredUpsMissing", Level = LogLevel.Warning,
        Message = "NUT UPS '{UpsName}' of Agent:Ups:NutUps is not served by upsd at {Address}; following '{FirstUps}'.")]
    public static partial void ConfiguredUpsMissing(ILogger logger, string upsName, string address, string firstUps);

    [LoggerMessage(EventId = 2203, EventName = "UpsPolled", Level = LogLevel.Debug,
        Message = "UPS backend '{Backend}' reported {UpsCount} UPS; '{UpsName}' is '{Status}'.")]
    public static partial void Polled(ILogger logger, string backend, int upsCount, string upsName, string status);
}
