namespace Agent.Host.Broadcasting;

/// <summary>
/// Counters of the fan-out: events serialized, frames delivered, updates coalesced, clients evicted, and the event rate.
/// </summary>
internal sealed class DeliveryStatistics(TimeProvider time)
{
    private const int WindowSeconds = 60;

    private readonly long[] _deliveries = new long[3];
    private readonly long[] _serializations = new long[3];
    private readonly long[] _secondBuckets = new long[WindowSeconds];
    private readonly long[] _bucketSecond = new long[WindowSeconds];
    private long _coalesced;
    private long _evicted;

    public long CoalescedTotal => Interlocked.Read(ref _coalesced);

    public long EvictedTotal => Interlocked.Read(ref _evicted);

    public long DeliveriesTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _deliveries.Length; i++)
            {
                total += Interlocked.Read(ref _deliveries[i]);
            }

            return total;
        }
    }

    public long DeliveriesOn(Transport transport) => Interlocked.Read(ref _deliveries[(int)transport]);

    public void Delivered(Transport transport) => Interlocked.Increment(ref _deliveries[(int)transport]);

    /// <summary>
    /// Messages serialized for <paramref name="transport"/>: one per broadcast, however many clients take it (a snapshot
    /// sent to one client is a broadcast to one).
    /// </summary>
    public long SerializationsOn(Transport transport) => Interlocked.Read(ref _serializations[(int)transport]);

    public void Serialized(Transport transport) => Interlocked.Increment(ref _serializations[(int)transport]);

    public void Coalesced() => Interlocked.Increment(ref _coalesced);

    public void Evicted() => Interlocked.Increment(ref _evicted);

    /// <summary>Counts one published event in the one-minute window.</summary>
    public void Published()
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % WindowSeconds);

        // The window is approximate under contention: a bucket that is being reused may lose a count, never more.
        if (Interlocked.Exchange(ref _bucketSecond[slot], second) != second)
        {
            Interlocked.Exchange(ref _secondBuckets[slot], 0);
        }

        Interlocked.Increment(ref _secondBuckets[slot]);
    }

    /// <summary>Events published per second over the last minute.</summary>
    public double EventsPerSecond()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long total = 0;
        for (var slot = 0; slot < WindowSeconds; slot++)
        {
            if (now - Interlocked.Read(ref _bucketSecond[slot]) < WindowSeconds)
            {
                total += Interlocked.Read(ref _secondBuckets[slot]);
            }
        }

        return total / (double)WindowSeconds;
    }
}
