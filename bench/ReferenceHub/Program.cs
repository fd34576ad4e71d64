using Agent.Bench.Payloads;
using Microsoft.AspNetCore.SignalR;
using ReferenceHub;

// What a .NET developer writes first: a hub, default options, Clients.All.SendAsync. Loopback only.
var port = args.Length > 0 && int.TryParse(args[0], out var parsed) ? parsed : 0;
var builder = WebApplication.CreateBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
builder.Services.AddSignalR().AddMessagePackProtocol();

var app = builder.Build();
app.MapHub<BroadcastHub>("/hub");
app.MapGet("/bench/run", async (HttpContext context, IHubContext<BroadcastHub> hub) =>
{
    var query = context.Request.Query;
    var (topic, rate, duration) = BenchSchedule.Parse(query["topic"], query["rate"], query["seconds"]);
    var method = topic == "disk" ? "DiskListUpdate" : "SystemUpdate";
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
    var published = await BenchSchedule.RunAsync(
        rate,
        duration,
        async (timestamp, token) => await hub.Clients.All.SendAsync(method, BenchPayloads.For(topic, timestamp), token),
        context.RequestAborted);
    return Results.Json(new BenchRunAnswer(published, GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore));
});

await app.StartAsync();
Console.WriteLine($"ready {Environment.ProcessId}");
await Console.In.ReadToEndAsync();
await app.StopAsync();
