using System.Globalization;
using System.Net;
using Agent.Contracts.Serialization;
using Agent.Host.Endpoints;
using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>
/// One token bucket per client address over every HTTP request but two. Health is left out: a watchdog that shares its
/// address with a busy automation must never read a 429 as "down". The real-time routes are left out (the raw socket,
/// the hub with its negotiate and long-polling requests, any WebSocket upgrade): the connection cap already bounds
/// them with a readable refusal, and a reconnect storm of legitimate clients must meet that refusal, not a 429.
/// </summary>
internal sealed class RateLimitMiddleware(
    RequestDelegate next,
    IOptions<RateLimitOptions> options,
    TimeProvider time,
    ILogger<RateLimitMiddleware> logger)
{
    private static readonly TimeSpan s_replenishmentPeriod = TimeSpan.FromSeconds(1);

    private readonly AddressRateLimiter? _limiter = options.Value.IsEnabled
        ? new AddressRateLimiter(options.Value.Burst, options.Value.RequestsPerSecond, s_replenishmentPeriod, time)
        : null;

    public Task InvokeAsync(HttpContext context)
    {
        if (_limiter is null || IsExempt(context.Request))
        {
            return next(context);
        }

        var address = ClientAddress(context);
        return _limiter.TryAcquire(address, out var retryAfter) ? next(context) : RefuseAsync(context, address, retryAfter);
    }

    private static bool IsExempt(HttpRequest request) =>
        request.Path.Equals(SecurityPaths.Health, StringComparison.OrdinalIgnoreCase)
        || SecurityPaths.IsSocket(request.Path)
        || SecurityPaths.IsWebSocketUpgrade(request);

    // An IPv4 client on the dual-stack listener shows as ::ffff:a.b.c.d; both spellings are one client.
    private static IPAddress ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : IPAddress.None;

    private Task RefuseAsync(HttpContext context, IPAddress address, TimeSpan retryAfter)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SecurityLog.RateLimited(logger, context.Request.Path.Value ?? "/", address.ToString());
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return context.Response.WriteAsJsonAsync(new ApiError("too many requests; slow down"), AgentJson.Options, context.RequestAborted);
    }
}
