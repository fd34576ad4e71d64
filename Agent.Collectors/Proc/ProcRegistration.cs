using Agent.Collectors.Sysfs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Collectors.Proc;

internal static class ProcRegistration
{
    /// <summary>
    /// Registers the system and network collectors. Their settings (<c>Agent:Intervals:System</c>,
    /// <c>Agent:Intervals:Network</c>, <c>Agent:Paths:*</c>) are bound and validated by the shared options of
    /// <c>Hosting/</c>, so nothing more is bound here.
    /// </summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddHostedService<SystemCollector>();
        services.AddHostedService<NetworkCollector>();
    }
}
