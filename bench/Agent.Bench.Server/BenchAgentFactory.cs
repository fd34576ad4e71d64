using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Agent.Bench.Server;

/// <summary>Starts the agent's Host on 127.0.0.1 with every collector off and the benchmark route added.</summary>
internal sealed class BenchAgentFactory(int port) : WebApplicationFactory<Program>
{
    private static readonly string[] s_collectors = ["System", "Array", "Disks", "Shares", "Ups", "Gpu", "Network", "Containers"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"agent-bench-{Environment.ProcessId}");
        // The Host serves no files here; its output folder is a content root that exists wherever the bench runs.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("Agent:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Agent:BindAddress", "127.0.0.1");
        builder.UseSetting("Agent:MaxClients", "20000");
        builder.UseSetting("Agent:Log:Path", Path.Combine(folder, "agent.log"));
        builder.UseSetting("Agent:Ups:Backend", "none");
        builder.UseSetting("Agent:Docker:Endpoint", $"unix://{Path.Combine(folder, "no-docker.sock")}");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var name in s_collectors)
        {
            builder.UseSetting($"Agent:Intervals:{name}", "0");
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BenchRouteStartupFilter>());
    }
}
