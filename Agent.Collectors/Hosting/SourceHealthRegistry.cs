using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Agent.Collectors.Hosting;

/// <summary>One <see cref="SourceHealth"/> per subsystem, shared by the collectors of that subsystem and by the host.</summary>
public sealed class SourceHealthRegistry(ITopicPublisher publisher, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<string, SourceHealth> _sources = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SourceHealthRegistry>();

    /// <summary>The health of <paramref name="subsystem"/> (a group name), created on first use.</summary>
    public SourceHealth Get(string subsystem) =>
        _sources.GetOrAdd(subsystem, name => new SourceHealth(name, publisher, time, _logger));

    /// <summary>Every source that has been asked for, by subsystem name.</summary>
    public IReadOnlyCollection<SourceHealth> All => [.. _sources.Values.OrderBy(s => s.Subsystem, StringComparer.Ordinal)];
}
