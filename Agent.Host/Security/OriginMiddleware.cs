using Agent.Contracts.Serialization;
using Agent.Host.Endpoints;

namespace Agent.Host.Security;

/// <summary>Refuses socket and hub requests (negotiate, upgrades, long polling) from a foreign browser origin with 403.</summary>
internal sealed class OriginMiddleware(RequestDelegate next, OriginPolicy policy, ILogger<OriginMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!SecurityPaths.IsSocket(request.Path) && !SecurityPaths.IsWebSocketUpgrade(request))
        {
            return next(context);
        }

        var origin = request.Headers.Origin.ToString();
        if (policy.IsAllowed(origin, request.Host, request.Scheme))
        {
            return next(context);
        }

        SecurityLog.OriginRefused(logger, origin, request.Path.Value ?? "/");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(new ApiError($"origin '{origin}' is not allowed"), AgentJson.Options, context.RequestAborted);
    }
}
