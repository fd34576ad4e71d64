using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

internal static class DockerRegistration
{
    /// <summary>Registers the container collector, its event watcher and the container actions.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DockerOptions>().Bind(configuration.GetSection(DockerOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DockerOptions>, DockerOptionsValidator>());
        services.TryAddSingleton<IDockerEngine, DockerEngine>();
        services.TryAddSingleton<ContainerCollector>();
        services.TryAddSingleton(sp => new ContainerActions(
            sp.GetRequiredService<IDockerEngine>(),
            sp.GetRequiredService<IOptions<DockerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ContainerActions>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ContainerCollector>());
        services.AddHostedService<ContainerEventWatcher>();
    }
}
