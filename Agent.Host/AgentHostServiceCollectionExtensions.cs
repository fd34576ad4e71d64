using Agent.Contracts.Serialization;
using Agent.Host.Broadcasting;
using Agent.Host.Configuration;
using Agent.Host.Endpoints;
using Agent.Host.Hubs;
using Agent.Host.Logging;
using Agent.Host.Security;
using Agent.Host.WebSockets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Host;

internal static class AgentHostServiceCollectionExtensions
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Registers the options, the transports, the broadcaster and the REST surface of the Host.</summary>
    public static IServiceCollection AddAgentHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgentOptions>()
            .Bind(configuration.GetSection(AgentOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.Configure<HostOptions>(o => o.ShutdownTimeout = s_shutdownTimeout);

        services.ConfigureHttpJsonOptions(o => AgentJson.Configure(o.SerializerOptions));
        services.AddOpenApi();
        services.AddAgentBroadcasting();
        services.AddAgentHub();
        services.AddRawWebSockets();
        services.TryAddSingleton<ContainerActionGateway>();
        services.AddAgentSecurity(configuration);
        return services;
    }

    /// <summary>The middleware in front of every endpoint: request log, then access checks, then the WebSocket upgrade.</summary>
    public static WebApplication UseAgentPipeline(this WebApplication app)
    {
        app.UseAgentRequestLogging();
        app.UseAgentSecurity();
        app.UseRawWebSockets();
        return app;
    }
}
