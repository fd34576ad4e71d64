using Agent.Host.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Registers the token check, the origin policy, the rate limiter and the options of TLS and Kestrel's limits.</summary>
    public static IServiceCollection AddAgentSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OriginOptions>().Bind(configuration.GetSection(OriginOptions.SectionName)).ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddOptions<TlsOptions>().Bind(configuration.GetSection(TlsOptions.SectionName)).ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OriginOptions>, OriginOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>());

        services.TryAddSingleton<ApiTokenCheck>();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Rate limit first (it also bounds token guessing), then the token, then the origin rules.</summary>
    public static IApplicationBuilder UseAgentSecurity(this IApplicationBuilder app)
    {
        LogSummary(app.ApplicationServices);
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<ApiTokenMiddleware>();
        app.UseMiddleware<OriginMiddleware>();
        return app;
    }

    private static void LogSummary(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityServiceCollectionExtensions).FullName!);
        var token = services.GetRequiredService<IOptions<AgentOptions>>().Value.ApiToken is { Length: > 0 } ? "required" : "off";
        var origins = services.GetRequiredService<IOptions<OriginOptions>>().Value.AllowedOrigins.Length;
        var rate = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var limit = rate.IsEnabled ? $"{rate.RequestsPerSecond}/s, burst {rate.Burst}" : "off";
        SecurityLog.AccessSummary(logger, token, origins, limit);
    }
}
