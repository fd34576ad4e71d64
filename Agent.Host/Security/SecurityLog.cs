namespace Agent.Host.Security;

internal static partial class SecurityLog
{
    [LoggerMessage(EventId = 1450, EventName = "TokenRefused", Level = LogLevel.Debug,
        Message = "Request to {RequestPath} from {RemoteAddress} refused with 401: it carried {Presented}.")]
    public static partial void TokenRefused(ILogger logger, string requestPath, string remoteAddress, string presented);

    [LoggerMessage(EventId = 1451, EventName = "OriginRefused", Level = LogLevel.Debug,
        Message = "Request to {RequestPath} refused with 403: origin '{Origin}' is not allowed.")]
    public static partial void OriginRefused(ILogger logger, string origin, string requestPath);

    [LoggerMessage(EventId = 1452, EventName = "RateLimited", Level = LogLevel.Debug, SkipEnabledCheck = true,
        Message = "Request to {RequestPath} from {RemoteAddress} refused with 429: over the rate limit.")]
    public static partial void RateLimited(ILogger logger, string requestPath, string remoteAddress);

    [LoggerMessage(EventId = 1453, EventName = "HttpsEnabled", Level = LogLevel.Information,
        Message = "HTTPS enabled with the certificate for '{Subject}', valid until {NotAfter:u}.")]
    public static partial void HttpsEnabled(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(EventId = 1454, EventName = "AccessSummary", Level = LogLevel.Information,
        Message = "Access: token {TokenState}, {OriginCount} extra allowed origins, REST rate limit {RateLimit}.")]
    public static partial void AccessSummary(ILogger logger, string tokenState, int originCount, string rateLimit);
}
