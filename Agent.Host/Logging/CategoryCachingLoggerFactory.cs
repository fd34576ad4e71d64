using System.Collections.Concurrent;

namespace Agent.Host.Logging;

/// <summary>
/// Hands out one logger per category name from <paramref name="inner"/>, which it owns. A logger is created once and
/// shared, so callers that ask for a logger per connection do not each keep one of their own.
/// </summary>
internal sealed class CategoryCachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);
    private readonly Func<string, ILogger> _create = inner.CreateLogger;

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, _create);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
