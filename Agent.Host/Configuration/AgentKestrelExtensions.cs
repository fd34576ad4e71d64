using System.Net;
using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

internal static class AgentKestrelExtensions
{
    /// <summary>Binds the one listener to <see cref="AgentOptions.BindAddress"/> and <see cref="AgentOptions.Port"/>.</summary>
    public static IWebHostBuilder ConfigureAgentKestrel(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<AgentOptions>>().Value;
            kestrel.AddServerHeader = false;
            if (options.ParsedBindAddress is { } address)
            {
                kestrel.Listen(address, options.Port);
            }
            else
            {
                kestrel.Listen(IPAddress.IPv6Any, options.Port);
            }
        });
}
