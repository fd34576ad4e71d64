using Agent.Collectors.Hosting;
using Agent.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Tests.Collectors.Proc;

/// <summary>The real publication point, health registry and logs around one collector, without a host.</summary>
internal sealed class CollectorHarness : IDisposable
{
    private readonly ILoggerFactory _loggerFactory;

    public CollectorHarness()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Topics = new TopicStore(TimeProvider.System);
        Health = new SourceHealthRegistry(Topics, TimeProvider.System, _loggerFactory);
        Context = new CollectorContext(Topics, Health, new CollectorStatistics(), TimeProvider.System, _loggerFactory);
    }

    public LogCollector Logs { get; } = new();

    public TopicStore Topics { get; }

    public SourceHealthRegistry Health { get; }

    public CollectorContext Context { get; }

    public static IOptions<IntervalsOptions> Intervals { get; } = Options.Create(new IntervalsOptions());

    public static IOptions<SourcePathsOptions> Paths(string proc, string sys, string unraidVersion) =>
        Options.Create(new SourcePathsOptions { Proc = proc, Sys = sys, UnraidVersion = unraidVersion });

    public void Dispose() => _loggerFactory.Dispose();
}
