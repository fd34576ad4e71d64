using Agent.Bench.Payloads;
using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Agent.Host.Broadcasting;

namespace Agent.Bench.Server;

/// <summary>
/// Adds <c>GET /bench/run?topic=&amp;rate=&amp;seconds=</c> in front of the agent's pipeline: it publishes into the
/// agent's <see cref="TopicStore"/> exactly as a collector would and answers when the run is over.
/// </summary>
internal sealed class BenchRouteStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/bench/run", run => run.Run(RunAsync));
        next(app);
    };

    private static async Task RunAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var (topic, rate, duration) = BenchSchedule.Parse(query["topic"], query["rate"], query["seconds"]);
        var store = context.RequestServices.GetRequiredService<TopicStore>();
        var statistics = context.RequestServices.GetRequiredService<DeliveryStatistics>();
        var target = topic == "disk" ? TopicCatalog.DiskListUpdate : TopicCatalog.SystemUpdate;

        var serializedBefore = Serializations(statistics);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var published = await BenchSchedule.RunAsync(
                rate,
                duration,
                (timestamp, _) =>
                {
                    store.Publish(target, BenchPayloads.For(topic, timestamp));
                    return ValueTask.CompletedTask;
                },
                context.RequestAborted)
            .ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var serialized = Serializations(statistics) - serializedBefore;

        var answer = new BenchRunAnswer(published, allocated, serialized);
        await context.Response.WriteAsJsonAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }

    private static long Serializations(DeliveryStatistics statistics) =>
        Enum.GetValues<Transport>().Sum(statistics.SerializationsOn);
}
