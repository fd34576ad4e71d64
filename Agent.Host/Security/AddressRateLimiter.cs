using System.Net;

namespace Agent.Host.Security;

/// <summary>
/// One token bucket per client address, refilled when it is next asked rather than by a timer. The framework's rate
/// limiting middleware keeps a partitioned limiter that wakes every 100 ms, and each of its token buckets once a
/// second, even when no request comes; that kept an idle agent's thread pool busy. A bucket gains
/// <c>tokensPerPeriod</c> for every whole period since it was made, up to its limit, as the framework's
/// auto-replenishing token bucket does; there is no queue.
/// </summary>
internal sealed class AddressRateLimiter
{
    // A full bucket is the same as a new one, so dropping buckets that have refilled changes no answer. The sweep runs
    // on the request path, only when there are this many buckets, and at most once per sweep period.
    private const int SweepThreshold = 1024;
    private static readonly TimeSpan s_sweepPeriod = TimeSpan.FromSeconds(10);

    private readonly int _tokenLimit;
    private readonly int _tokensPerPeriod;
    private readonly long _periodTicks;
    private readonly TimeProvider _time;
    private readonly long _started;

    // Guards _buckets, every bucket's fields and _nextSweep; a request holds it for a few arithmetic steps.
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Bucket> _buckets = [];
    private long _nextSweep;

    public AddressRateLimiter(int tokenLimit, int tokensPerPeriod, TimeSpan period, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokenLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokensPerPeriod);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        _tokenLimit = tokenLimit;
        _tokensPerPeriod = tokensPerPeriod;
        _periodTicks = period.Ticks;
        _time = time;
        _started = time.GetTimestamp();
    }

    /// <summary>How many buckets are kept now.</summary>
    public int BucketCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>
    /// Takes a token from <paramref name="address"/>'s bucket. When it is empty, <paramref name="retryAfter"/> says
    /// when to try again.
    /// </summary>
    public bool TryAcquire(IPAddress address, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            var now = Now();
            SweepIfDue(now);
            if (!_buckets.TryGetValue(address, out var bucket))
            {
                bucket = new Bucket(_tokenLimit, now);
                _buckets[address] = bucket;
            }

            if (Refill(bucket, now) > 0)
            {
                bucket.Tokens--;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            // Every refill adds at least one token; like the framework's bucket, a whole period is named.
            retryAfter = TimeSpan.FromTicks(_periodTicks);
            return false;
        }
    }

    // Monotonic, so that a clock set back does not stop the refill.
    private long Now() => _time.GetElapsedTime(_started).Ticks;

    private int Refill(Bucket bucket, long now)
    {
        var periods = (now - bucket.PeriodStart) / _periodTicks;
        if (periods > 0)
        {
            bucket.PeriodStart += periods * _periodTicks;
            bucket.Tokens = (int)Math.Min(_tokenLimit, bucket.Tokens + (periods * _tokensPerPeriod));
        }

        return bucket.Tokens;
    }

    private void SweepIfDue(long now)
    {
        if (_buckets.Count < SweepThreshold || now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + s_sweepPeriod.Ticks;
        foreach (var (address, bucket) in _buckets)
        {
            if (Refill(bucket, now) >= _tokenLimit)
            {
                _buckets.Remove(address);
            }
        }
    }

    private sealed class Bucket(int tokens, long periodStart)
    {
        public int Tokens { get; set; } = tokens;

        public long PeriodStart { get; set; } = periodStart;
    }
}
