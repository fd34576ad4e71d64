using Agent.Contracts.Serialization;

namespace Agent.Host.Endpoints;

internal static class HealthEndpoints
{
    /// <summary>Maps <c>GET /api/v1/health</c>, which stays open whatever authentication is configured.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/health", () => TypedResults.Ok(new HealthAnswer("ok")))
            .WithName("GetHealth")
            .WithTags("health")
            .AllowAnonymous();

        // An unknown API path answers like every other error: JSON, not an empty 404. A catch-all ordered after every
        // other route, which is what MapFallback(pattern, handler) maps; that call is not used because the request
        // delegate generator of ASP.NET Core 10.0 compiles it at the default pattern {*path:nonfile}, which would take
        // the dashboard's page too.
        endpoints.Map("/api/{**path}", (string? path) =>
                Results.Json(new ApiError($"no route /api/{path}"), AgentJson.Options, statusCode: StatusCodes.Status404NotFound))
            .WithOrder(int.MaxValue)
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The health answer.</summary>
    /// <param name="Status">Always <c>ok</c> while the agent serves requests.</param>
    internal sealed record HealthAnswer(string Status);
}
