using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Agent.Contracts.Serialization;
using Agent.Host.Endpoints;
using Microsoft.AspNetCore.RateLimiting;

namespace Agent.Host.Security;

/// <summary>
/// One token bucket per client address over every HTTP request. Health is left out: a watchdog that shares its address
/// with a busy automation must never read a 429 as "down". A socket counts once, at its upgrade; its frames do not.
/// </summary>
internal static class AgentRateLimiting
{
    private static readonly TimeSpan s_replenishmentPeriod = TimeSpan.FromSeconds(1);

    public static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context => Partition(context, options));
        limiter.OnRejected = RejectAsync;
    }

    private static RateLimitPartition<IPAddress> Partition(HttpContext context, RateLimitOptions options)
    {
        var address = ClientAddress(context);
        if (!options.IsEnabled || context.Request.Path.Equals(SecurityPaths.Health, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter(address);
        }

        return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
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
