using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Hosting;

/// <summary>What every collector needs from the host, in one injectable bundle.</summary>
public sealed class CollectorContext(
    ITopicPublisher publisher,
    SourceHealthRegistry health,
    CollectorStatistics statistics,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    /// <summary>Where values go.</summary>
    public ITopicPublisher Publisher { get; } = publisher;

    /// <summary>Health of every subsystem.</summary>
    public SourceHealthRegistry Health { get; } = health;

    /// <summary>Run figures for <c>/metrics</c>.</summary>
    public CollectorStatistics Statistics { get; } = statistics;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Loggers.</summary>
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;
}
