using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Ups;

internal static class UpsRegistration
{
    /// <summary>Registers the UPS collector, its options and the inventory of every UPS.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<UpsOptions>().Bind(configuration.GetSection(UpsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UpsOptions>, UpsOptionsValidator>());
        services.TryAddSingleton<UpsInventory>();
        services.AddHostedService<UpsStatusCollector>();
    }
}
