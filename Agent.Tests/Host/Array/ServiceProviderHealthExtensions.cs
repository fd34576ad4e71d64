using Agent.Collectors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Host.Array;

/// <summary>Shortcut to a source's health in a running host.</summary>
public static class ServiceProviderHealthExtensions
{
    /// <summary>The health of <paramref name="group"/>.</summary>
    public static SourceHealth GetHealth(this IServiceProvider services, string group) =>
        services.GetRequiredService<SourceHealthRegistry>().Get(group);
}
