using Agent.Contracts.Serialization;
using Agent.Host.Endpoints;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Agent.Host.Security;

/// <summary>
/// Requires the bearer token, when one is configured, on everything but health and the dashboard's static files.
/// The query parameter is accepted only where a browser cannot set a header: WebSocket upgrades and the hub.
/// </summary>
internal sealed class ApiTokenMiddleware(
    RequestDelegate next,
    ApiTokenCheck check,
    IWebHostEnvironment environment,
    ILogger<ApiTokenMiddleware> logger)
{
    /// <summary>The query parameter a socket may carry the token in.</summary>
    public const string QueryParameter = "access_token";

    private const string BearerPrefix = "Bearer ";

    public Task InvokeAsync(HttpContext context)
    {
        if (!check.IsRequired || IsOpen(context.Request.Path))
        {
            return next(context);
        }

        var presented = PresentedToken(context.Request);
        if (check.Matches(presented))
        {
            return next(context);
        }

        return RefuseAsync(context, presented is not null);
    }

    /// <summary>Whether <paramref name="path"/> is health, the dashboard's page, or one of its static files.</summary>
    public bool IsOpen(PathString path)
    {
        if (path.Equals(SecurityPaths.Health, StringComparison.OrdinalIgnoreCase) || !path.HasValue || path.Value == "/")
        {
            return true;
        }

        // Everything else is closed unless a file of wwwroot answers it, so a new route can never be open by mistake.
        return !SecurityPaths.IsSocketOrApi(path) && environment.WebRootFileProvider.GetFileInfo(path.Value!) is { Exists: true, IsDirectory: false };
    }

    /// <summary>
    /// The token a request presents: its bearer <c>Authorization</c> header, else <paramref name="socketQuery"/>'s one
    /// <c>access_token</c> value on a socket route (empty elsewhere).
    /// </summary>
    public static string? PresentedToken(string authorization, StringValues socketQuery)
    {
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[BearerPrefix.Length..].Trim();
        }

        return socketQuery.Count == 1 ? socketQuery[0] : null;
    }

    private static string? PresentedToken(HttpRequest request)
    {
        var query = SecurityPaths.IsSocket(request.Path) ? request.Query[QueryParameter] : StringValues.Empty;
        return PresentedToken(request.Headers.Authorization.ToString(), query);
    }

    private Task RefuseAsync(HttpContext context, bool presented)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        SecurityLog.TokenRefused(logger, context.Request.Path.Value ?? "/", address, presented ? "a wrong token" : "no token");
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = presented ? "Bearer error=\"invalid_token\"" : "Bearer";
        var error = presented ? "the bearer token is not valid" : "a bearer token is required";
        return context.Response.WriteAsJsonAsync(new ApiError(error), AgentJson.Options, context.RequestAborted);
    }
}
