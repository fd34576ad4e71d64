using System.Net;
using Agent.Host.Security;
using Agent.Host.WebSockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Agent.Host.Configuration;

internal static class AgentKestrelExtensions
{
    /// <summary>
    /// Binds the one listener to <see cref="AgentOptions.BindAddress"/> and <see cref="AgentOptions.Port"/>, over HTTPS
    /// when <see cref="TlsOptions"/> names a certificate, with the limits of <see cref="LimitsOptions"/>.
    /// </summary>
    /// <remarks>
    /// Kestrel keeps its default scheduling on purpose. Under TLS a broadcast only copies each frame into the client's
    /// output pipe; Kestrel's I/O threads then write the pipe to the socket, and whatever piled up for a client since its
    /// last write leaves in one system call. Writing every frame inline on the publishing thread costs one system call
    /// (and one wake-up of the reader) per frame, and measured at about a third of the deliveries per second under load
    /// (build/bench.sh); in clear, the WebSockets' own writer sends only large frames inline, and queues small ones to
    /// leave together (<see cref="SocketWriter"/>).
    /// </remarks>
    public static IWebHostBuilder ConfigureAgentKestrel(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel((context, kestrel) =>
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

                // After TLS, so it reads the request in clear; resolved on the first connection, when the app is built.
                var scheme = certificate is null ? "http" : "https";
                listen.Use(next =>
                {
                    var upgrades = new Lazy<UpgradeConnectionHandler>(services.GetRequiredService<UpgradeConnectionHandler>);
                    return connection => upgrades.Value.OnConnectionAsync(connection, next, scheme);
                });
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
