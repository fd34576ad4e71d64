using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.UnraidIni;

internal static class UnraidIniRegistration
{
    /// <summary>Registers the array, disk and share collectors.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EmhttpOptions>().Bind(configuration.GetSection(EmhttpOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmhttpOptions>, EmhttpOptionsValidator>());
        services.TryAddSingleton<IEmhttpFileSystem, EmhttpFileSystem>();
        services.TryAddSingleton<IUserShareSpace, DriveInfoUserShareSpace>();
        services.TryAddSingleton<EmhttpReader>();
        services.TryAddSingleton<EmhttpWatcher>();
        services.TryAddSingleton<EmhttpProblems>();
        services.TryAddSingleton<EmhttpSources>();
        services.AddHostedService<ArrayStatusCollector>();
        services.AddHostedService<DiskListCollector>();
        services.AddHostedService<ShareListCollector>();
    }
}
