using Agent.Collectors.Docker;
using Agent.Collectors.Gpu;
using Agent.Collectors.Hosting;
using Agent.Collectors.Proc;
using Agent.Collectors.UnraidIni;
using Agent.Collectors.Ups;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Collectors;

/// <summary>Registration of the collectors and the publication point.</summary>
public static class AgentCollectorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the publication point, source health, and every collector with its options. Services are added with
    /// <c>TryAdd*</c>, so a test can substitute a fake first.
    /// </summary>
    public static IServiceCollection AddAgentCollectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TopicStore>();
        services.TryAddSingleton<ITopicPublisher>(sp => sp.GetRequiredService<TopicStore>());
        services.TryAddSingleton<SourceHealthRegistry>();
        services.TryAddSingleton<CollectorStatistics>();
        services.TryAddSingleton<CollectorContext>();

        services.AddOptions<IntervalsOptions>().Bind(configuration.GetSection(IntervalsOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SourcePathsOptions>().Bind(configuration.GetSection(SourcePathsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntervalsOptions>, IntervalsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SourcePathsOptions>, SourcePathsOptionsValidator>());

        ProcRegistration.Register(services, configuration);
        UnraidIniRegistration.Register(services, configuration);
        UpsRegistration.Register(services, configuration);
        GpuRegistration.Register(services, configuration);
        DockerRegistration.Register(services, configuration);
        return services;
    }
}
