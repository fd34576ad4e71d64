using System.Diagnostics;

namespace Agent.Bench.Payloads;

/// <summary>
/// The publishing schedule every benchmark server follows, so that the agent and the references are driven alike:
/// a fixed rate (events a second), or, with a rate of 0, one event per millisecond tick, which offers more deliveries
/// than two cores can carry from about 100 clients up.
/// </summary>
public static class BenchSchedule
{
    /// <summary>Publishes for <paramref name="duration"/>, stamping each event with the current UTC time.</summary>
    /// <returns>The number of events published.</returns>
    public static async Task<long> RunAsync(
        double eventsPerSecond,
        TimeSpan duration,
        Func<DateTimeOffset, CancellationToken, ValueTask> publishAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publishAsync);
        ArgumentOutOfRangeException.ThrowIfNegative(eventsPerSecond);

        var period = eventsPerSecond > 0 ? TimeSpan.FromSeconds(1 / eventsPerSecond) : TimeSpan.FromMilliseconds(1);
        using var timer = new PeriodicTimer(period);
        var clock = Stopwatch.StartNew();
        long published = 0;
        while (clock.Elapsed < duration)
        {
            await publishAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            published++;
            if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return published;
    }

    /// <summary>Reads a run's query values: <c>topic</c> (system or disk), <c>rate</c> (events a second, 0 for the maximum) and <c>seconds</c>.</summary>
    public static (string Topic, double Rate, TimeSpan Duration) Parse(string? topic, string? rate, string? seconds)
    {
        var parsedRate = double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 0;
        var parsedSeconds = double.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;
        return (topic == "disk" ? "disk" : "system", Math.Max(0, parsedRate), TimeSpan.FromSeconds(Math.Clamp(parsedSeconds, 0.1, 120)));
    }
}
