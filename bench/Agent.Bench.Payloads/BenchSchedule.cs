using System.Diagnostics;

namespace Agent.Bench.Payloads;

/// <summary>
/// The publishing schedule every benchmark server follows, so that the agent and the references are driven alike:
/// events at a fixed rate, stamped at publication. A timer wakes the publisher at most every millisecond and it
/// catches up on the events that are due, so that a late timer (a loaded machine) does not lower the offered rate; the
/// run ends at its length even in the middle of a catch-up.
/// </summary>
public static class BenchSchedule
{
    /// <summary>
    /// The deliveries a second (events a second times N) a saturation run offers: above what two cores carry with any
    /// server here, the agent included (it delivered all of 500,000), so that the server, not the schedule, sets the figure.
    /// </summary>
    public const double SaturationDeliveriesPerSecond = 2_000_000;

    /// <summary>The most events a second a saturation run asks for, whatever N.</summary>
    public const double MaxEventsPerSecond = 20_000;

    // Bounds one catch-up burst, so that a long stall does not turn into one huge burst.
    private const long MaxEventsPerTick = 1000;

    /// <summary>The events a second of a saturation run with <paramref name="clients"/> connected.</summary>
    public static double SaturationRate(int clients) =>
        Math.Clamp(Math.Ceiling(SaturationDeliveriesPerSecond / Math.Max(1, clients)), 10, MaxEventsPerSecond);

    /// <summary>Publishes for <paramref name="duration"/>, stamping each event with the current UTC time.</summary>
    /// <returns>The number of events published.</returns>
    public static async Task<long> RunAsync(
        double eventsPerSecond,
        TimeSpan duration,
        Func<DateTimeOffset, CancellationToken, ValueTask> publishAsync,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publishAsync);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);

        var period = TimeSpan.FromSeconds(Math.Max(1 / eventsPerSecond, 0.001));
        using var timer = new PeriodicTimer(period);
        var clock = Stopwatch.StartNew();
        long published = 0;
        while (clock.Elapsed < duration)
        {
            var due = Math.Min((long)(clock.Elapsed.TotalSeconds * eventsPerSecond) + 1, published + MaxEventsPerTick);
            // A catch-up burst also ends when the run's time is up, so that a server that publishes slowly does not
            // stretch a run far past its length.
            while (published < due && clock.Elapsed < duration)
            {
                await publishAsync(DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
                published++;
            }

            if (!await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return published;
    }

    /// <summary>Reads a run's query values: <c>topic</c> (system or disk), <c>rate</c> (events a second) and <c>seconds</c>.</summary>
    public static (string Topic, double Rate, TimeSpan Duration) Parse(string? topic, string? rate, string? seconds)
    {
        var parsedRate = double.TryParse(rate, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 10;
        var parsedSeconds = double.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 1;
        return (topic == "disk" ? "disk" : "system", Math.Clamp(parsedRate, 0.1, 100_000), TimeSpan.FromSeconds(Math.Clamp(parsedSeconds, 0.1, 120)));
    }
}
