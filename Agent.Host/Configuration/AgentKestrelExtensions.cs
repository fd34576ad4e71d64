using System.Net;
using Agent.Host.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

internal static class AgentKestrelExtensions
{
    /// <summary>
    /// Binds the one listener to <see cref="AgentOptions.BindAddress"/> and <see cref="AgentOptions.Port"/>, over HTTPS
    /// when <see cref="TlsOptions"/> names a certificate, with the limits of <see cref="LimitsOptions"/>.
    /// </summary>
    public static IWebHostBuilder ConfigureAgentKestrel(this IWebHostBuilder webHost) =>
        webHost.ConfigureServices(services => services.Configure<SocketTransportOptions>(sockets =>
        {
            // A broadcast writes to every client from the publishing thread; inline scheduling lets that thread hand
            // the bytes to the socket too, instead of queueing one send per client for an I/O thread. Nothing the
            // agent runs on a transport continuation blocks, which is what makes the inline mode safe here.
            sockets.UnsafePreferInlineScheduling = true;
        })).ConfigureKestrel((context, kestrel) =>
        {
            var services = kestrel.ApplicationServices;
            var options = services.GetRequiredService<IOptions<AgentOptions>>().Value;
            kestrel.AddServerHeader = false;
            ApplyLimits(kestrel.Limits, services.GetRequiredService<IOptions<LimitsOptions>>().Value, options.MaxClients);

            // A bad pair throws here, before the listener exists: there is no silent fallback to plain HTTP.
            var certificate = TlsCertificateLoader.Load(services.GetRequiredService<IOptions<TlsOptions>>().Value, TimeProvider.System);
            if (certificate is not null)
            {
                var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentKestrelExtensions).FullName!);
                SecurityLog.HttpsEnabled(logger, certificate.Subject, certificate.NotAfter.ToUniversalTime());
            }

            var address = options.ParsedBindAddress ?? IPAddress.IPv6Any;
            kestrel.Listen(address, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

    private static void ApplyLimits(KestrelServerLimits limits, LimitsOptions options, int maxClients)
    {
        limits.MaxConcurrentUpgradedConnections = maxClients + options.UpgradeHeadroom;
        limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersBytes;
        limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        limits.KeepAliveTimeout = options.KeepAliveTimeout;
    }
}
