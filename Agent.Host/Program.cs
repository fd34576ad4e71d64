using Agent.Collectors;
using Agent.Host;
using Agent.Host.Configuration;
using Agent.Host.Dashboard;
using Agent.Host.Endpoints;
using Agent.Host.Hubs;
using Agent.Host.Logging;
using Agent.Host.WebSockets;

// The slim builder: no IIS integration, HTTP/3 or hosting-startup scan, which an agent on a NAS never uses and whose
// assemblies would stay loaded for its whole life. HTTPS is set up on the listener itself (AgentKestrelExtensions).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Configuration.AddAgentSources(args);
builder.AddAgentLogging();
builder.WebHost.ConfigureAgentKestrel();
builder.Services.AddAgentCollectors(builder.Configuration);
builder.Services.AddAgentHost(builder.Configuration);

return await AgentHostRunner.RunAsync(builder, static app =>
{
    app.UseAgentPipeline();
    app.MapHealthEndpoints();
    app.MapSnapshotEndpoints();
    app.MapDiskEndpoints();
    app.MapUpsEndpoints();
    app.MapDockerEndpoints();
    app.MapConnectionEndpoints();
    app.MapMetricsEndpoints();
    app.MapAgentHub();
    app.MapRawWebSocket();
    app.MapDashboard();
    app.MapOpenApi();
});

/// <summary>The Host's entry point; public so that tests can start it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
