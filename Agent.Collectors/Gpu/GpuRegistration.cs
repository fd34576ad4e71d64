using Agent.Collectors.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Gpu;

internal static class GpuRegistration
{
    /// <summary>Registers the GPU collector, its vendor readers (NVIDIA, Intel, AMD, in index order) and the process runner.</summary>
    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<GpuOptions>().Bind(configuration.GetSection(GpuOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GpuOptions>, GpuOptionsValidator>());
        services.TryAddSingleton<IProcessRunner, ProcessRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGpuVendorReader, NvidiaSmiReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGpuVendorReader, IntelGpuTopReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGpuVendorReader, AmdSysfsReader>());
        services.AddHostedService<GpuCollector>();
    }
}
