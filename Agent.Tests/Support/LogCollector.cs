using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Agent.Tests.Support;

/// <summary>Collects every log event of a host under test, so tests can assert on event ids and levels.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    /// <summary>Every event so far.</summary>
    public IReadOnlyList<LogRecord> Records => [.. _records];

    /// <summary>Events at <paramref name="level"/> or above.</summary>
    public IReadOnlyList<LogRecord> AtOrAbove(LogLevel level) => [.. _records.Where(r => r.Level >= level)];

    /// <summary>Events with the id <paramref name="eventId"/>.</summary>
    public IReadOnlyList<LogRecord> WithId(int eventId) => [.. _records.Where(r => r.EventId == eventId)];

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, _records);

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>One collected event.</summary>
    public sealed record LogRecord(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);

    private sealed class CollectingLogger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            records.Enqueue(new LogRecord(category, logLevel, eventId.Id, formatter(state, exception), exception));
        }
    }
}
