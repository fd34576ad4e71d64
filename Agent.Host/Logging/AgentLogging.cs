using Agent.Host.Hubs;
using Agent.Host.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;

namespace Agent.Host.Logging;

internal static class AgentLogging
{
    private const string DefaultLogPath = "/var/log/unraid-management-agent.log";

    // The log lives on Unraid's RAM disk: two files of 5 MB at most.
    private const long MaxFileBytes = 5 * 1024 * 1024;
    private const int RetainedFiles = 2;

    private static readonly ConfigurationReaderOptions s_settingsReaderOptions = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly);

    /// <summary>Serilog to the console and a size-limited rolling file whose path is <c>Agent:Log:Path</c>.</summary>
    public static WebApplicationBuilder AddAgentLogging(this WebApplicationBuilder builder)
    {
        var path = ChooseLogPath(builder.Configuration["Agent:Log:Path"]);

        // Serilog writes the console itself; the framework's own console logger would print every line twice.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog(
            (services, logger) => logger
                // The sinks the settings may name are given, not searched for: a search reads the metadata of every
                // assembly beside the agent, at start-up and for nothing (it also finds none in the single-file build).
                .ReadFrom.Configuration(builder.Configuration, s_settingsReaderOptions)

                // Off: the framework's "Request starting" line carries the query string, and with it an access_token,
                // and the request log below says what this category would. While the category is enabled at any level
                // the framework also gives every request an Activity and a log scope, which a WebSocket keeps for its
                // whole life (about 350 bytes each connection). Its other lines (the web host's start-up and shutdown
                // errors, a warning that the listener's settings override the URLs) go too: a start-up error still
                // ends the start, and its exception reaches stderr through the start-up runner.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LevelAlias.Off)

                // SignalR logs a refused connection (the cap, an unknown group at connect) as an error with a stack
                // trace; it is the client's doing, and the agent counts and logs refusals itself.
                .MinimumLevel.Override("Microsoft.AspNetCore.SignalR.HubConnectionHandler", LogEventLevel.Fatal)

                // A hub method that refuses a call (an unknown group) answers the caller with a HubException, which
                // SignalR would also log as an error with a stack trace: a client repeating a bad call would fill the
                // log. Failures of any other kind are still logged.
                .Filter.ByExcluding(IsRefusedHubCall)

                // A start that fails (a port in use) is reported by the start-up runner as one line on stderr.
                .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(
                    path,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    fileSizeLimitBytes: MaxFileBytes,
                    rollOnFileSizeLimit: true,
                    retainedFileCountLimit: RetainedFiles),
            preserveStaticLogger: true,
            writeToProviders: true);
        CacheLoggersByCategory(builder.Services);
        return builder;
    }

    // Serilog's logger factory makes a new logger every time one is asked for, and SignalR asks for two for every
    // connection: about 1 KB each connection holds for its whole life. The factory is wrapped in one that keeps a
    // logger per category, as the framework's own factory does.
    private static void CacheLoggersByCategory(IServiceCollection services)
    {
        var serilog = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        var create = serilog.ImplementationFactory
            ?? throw new InvalidOperationException("Serilog's logger factory is no longer registered through a factory method.");
        services.Remove(serilog);
        services.AddSingleton<ILoggerFactory>(provider => new CategoryCachingLoggerFactory((ILoggerFactory)create(provider)));
    }

    /// <summary>
    /// Logs each request at debug level; the path is logged without its query, so no token reaches a log. A socket's
    /// WebSocket handshake and the requests of the hub's transports (negotiate is logged) are left out: a socket's or a
    /// Server-Sent Events stream's line would only come when it closes, hours later, with the logger's state (about
    /// 450 bytes) held all that time, and long polling would log every poll. The hub and the raw socket log their
    /// clients themselves, and a refused token is logged by the token check.
    /// </summary>
    public static IApplicationBuilder UseAgentRequestLogging(this IApplicationBuilder app) =>
        app.UseWhen(
            context => !IsConnectionRequest(context.Request),
            branch => branch.UseSerilogRequestLogging(options =>
            {
                // The agent's logger, not Serilog's static one, which the agent leaves unconfigured.
                options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
                options.GetLevel = (_, _, exception) => exception is null ? LogEventLevel.Debug : LogEventLevel.Warning;
                options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms.";
            }));

    // A WebSocket handshake on a socket path (HTTP/1.1's upgrade or HTTP/2's extended CONNECT), or a request on the
    // hub's own path, which only its transports use; negotiate, below that path, is logged.
    private static bool IsConnectionRequest(HttpRequest request)
    {
        if (!SecurityPaths.IsSocket(request.Path))
        {
            return false;
        }

        var handshake = (HttpMethods.IsGet(request.Method) && SecurityPaths.IsWebSocketUpgrade(request))
            || request.HttpContext.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true };
        return handshake || request.Path.Value!.TrimEnd('/').Equals(AgentHubExtensions.HubPath, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsRefusedHubCall(LogEvent logEvent) =>
        logEvent.Exception is HubException
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher" };

    private static string ChooseLogPath(string? configured)
    {
        if (configured is { Length: > 0 })
        {
            return configured;
        }

        var folder = Path.GetDirectoryName(DefaultLogPath)!;
        return IsWritable(folder) ? DefaultLogPath : Path.Combine(Environment.CurrentDirectory, "logs", Path.GetFileName(DefaultLogPath));
    }

    private static bool IsWritable(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $".uma-probe-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
