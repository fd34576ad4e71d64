using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Agent.Contracts.Serialization;
using Agent.Host.Endpoints;
using Microsoft.AspNetCore.RateLimiting;

namespace Agent.Host.Security;

/// <summary>
/// One token bucket per client address over every HTTP request but two. Health is left out: a watchdog that shares its
/// address with a busy automation must never read a 429 as "down". The real-time routes are left out (the raw socket,
/// the hub with its negotiate and long-polling requests, any WebSocket upgrade): the connection cap already bounds
/// them with a readable refusal, and a reconnect storm of legitimate clients must meet that refusal, not a 429.
/// </summary>
internal static class AgentRateLimiting
{
    private static readonly TimeSpan s_replenishmentPeriod = TimeSpan.FromSeconds(1);

    // The partitioned limiter keeps the first limiter made for a key, so exempt requests need a key of their own: with
    // the client's address they would get that address's bucket whenever a counted request came first.
    private static readonly IPAddress s_exemptKey = IPAddress.IPv6None;

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => Partition(context, options));
        limiter.OnRejected = RejectAsync;
    }

    private static RateLimitPartition<IPAddress> Partition(HttpContext context, RateLimitOptions options)
    {
        if (!options.IsEnabled
            || context.Request.Path.Equals(SecurityPaths.Health, StringComparison.OrdinalIgnoreCase)
            || SecurityPaths.IsSocket(context.Request.Path)
            || SecurityPaths.IsWebSocketUpgrade(context.Request))
        {
            return RateLimitPartition.GetNoLimiter(s_exemptKey);
        }

        return RateLimitPartition.GetTokenBucketLimiter(ClientAddress(context), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = options.RequestsPerSecond,
            ReplenishmentPeriod = s_replenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    // An IPv4 client on the dual-stack listener shows as ::ffff:a.b.c.d; both spellings are one client.
    private static IPAddress ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address
            : IPAddress.None;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentRateLimiting).FullName!);
        SecurityLog.RateLimited(logger, context.Request.Path.Value ?? "/", ClientAddress(context).ToString());
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new ApiError("too many requests; slow down"), AgentJson.Options, cancellationToken)
            .ConfigureAwait(false);
    }
}
