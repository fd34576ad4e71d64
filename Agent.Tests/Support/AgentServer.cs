using Agent.Collectors.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Support;

/// <summary>
/// The real Host on a real Kestrel listener on 127.0.0.1 and a free port, with the test's own settings and services.
/// Collectors with no setting read this machine's real sources; tests point the others at fixtures.
/// </summary>
public sealed class AgentServer : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly TempFolder _folder;

    private AgentServer(Factory factory, TempFolder folder, Uri baseAddress)
    {
        _factory = factory;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>The listener's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Every log event of the host.</summary>
    public LogCollector Logs => _factory.Logs;

    /// <summary>The publication point: tests inject values with <see cref="TopicStore.Publish"/>.</summary>
    public TopicStore Topics => Services.GetRequiredService<TopicStore>();

    /// <summary>A folder that lives as long as the server.</summary>
    public string Folder => _folder.Path;

    /// <summary>
    /// Starts a host. <paramref name="settings"/> are configuration keys such as <c>Agent:MaxClients</c>; collectors
    /// that a test does not name keep their defaults unless <paramref name="quiet"/> disables every collector.
    /// </summary>
    public static async Task<AgentServer> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null,
        bool quiet = true)
    {
        var folder = new TempFolder();
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Agent:Port"] = "0",
            ["Agent:BindAddress"] = "127.0.0.1",
            ["Agent:Log:Path"] = Path.Combine(folder.Path, "agent.log"),
            ["Agent:Paths:Emhttp"] = Path.Combine(folder.Path, "no-emhttp"),
            ["Agent:Paths:UserShares"] = Path.Combine(folder.Path, "no-user-shares"),
            ["Agent:Ups:Backend"] = "none",
            ["Agent:Docker:Endpoint"] = $"unix://{Path.Combine(folder.Path, "no-docker.sock")}",
        };
        if (quiet)
        {
            foreach (var name in new[] { "System", "Array", "Disks", "Shares", "Ups", "Gpu", "Network", "Containers" })
            {
                all[$"Agent:Intervals:{name}"] = "0";
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var factory = new Factory(all, configureServices);
        factory.UseKestrel();
        await Task.Run(factory.StartServer).WithTimeout().ConfigureAwait(false);
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AgentServer(factory, folder, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>An HTTP client for the listener.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TaskTimeoutExtensions.DefaultTimeout };

    /// <summary>The <c>ws://</c> address of <paramref name="pathAndQuery"/>.</summary>
    public Uri WebSocketUri(string pathAndQuery = "api/v1/ws") =>
        new(new Uri(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), pathAndQuery);

    /// <summary>The absolute <c>http://</c> address of <paramref name="pathAndQuery"/>.</summary>
    public Uri Http(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    /// <summary>Stops the host (as on SIGTERM) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync().ConfigureAwait(false);
        _folder.Dispose();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
        : WebApplicationFactory<Program>
    {
        public LogCollector Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
            builder.ConfigureServices(services => configureServices?.Invoke(services));
        }
    }
}
