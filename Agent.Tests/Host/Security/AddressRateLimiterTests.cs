using System.Net;
using Agent.Host.Security;

namespace Agent.Tests.Host.Security;

public sealed class AddressRateLimiterTests
{
    private static readonly TimeSpan s_second = TimeSpan.FromSeconds(1);
    private static readonly IPAddress s_client = IPAddress.Parse("192.0.2.10");

    [Fact]
    public void TryAcquire_BurstUsedUp_RefusesWithAWholePeriod()
    {
        var limiter = new AddressRateLimiter(tokenLimit: 3, tokensPerPeriod: 1, s_second, new ManualTime());

        var taken = Enumerable.Range(0, 3).Select(i => limiter.TryAcquire(s_client, out var _)).ToList();
        var refused = !limiter.TryAcquire(s_client, out var retryAfter);

        Assert.Equal([true, true, true], taken);
        Assert.True(refused);
        Assert.Equal(s_second, retryAfter);
    }

    [Fact]
    public void TryAcquire_AfterWholePeriods_RefillsPerPeriodUpToTheLimit()
    {
        var time = new ManualTime();
        var limiter = new AddressRateLimiter(tokenLimit: 5, tokensPerPeriod: 2, s_second, time);
        Drain(limiter, s_client);

        time.Advance(TimeSpan.FromMilliseconds(999));
        var beforeThePeriod = limiter.TryAcquire(s_client, out _);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var afterOnePeriod = Drain(limiter, s_client);
        time.Advance(TimeSpan.FromSeconds(10));
        var afterManyPeriods = Drain(limiter, s_client);

        Assert.False(beforeThePeriod);
        Assert.Equal(2, afterOnePeriod);
        Assert.Equal(5, afterManyPeriods);
    }

    [Fact]
    public void TryAcquire_TwoAddresses_HaveABucketEach()
    {
        var limiter = new AddressRateLimiter(tokenLimit: 1, tokensPerPeriod: 1, s_second, new ManualTime());
        var other = IPAddress.Parse("192.0.2.11");

        var first = limiter.TryAcquire(s_client, out _);
        var second = limiter.TryAcquire(other, out _);
        var firstAgain = limiter.TryAcquire(s_client, out _);

        Assert.True(first);
        Assert.True(second);
        Assert.False(firstAgain);
    }

    [Fact]
    public void TryAcquire_ManyAddressesThatRefilled_DropsTheirBuckets()
    {
        var time = new ManualTime();
        var limiter = new AddressRateLimiter(tokenLimit: 2, tokensPerPeriod: 1, s_second, time);
        for (var i = 0; i < 2000; i++)
        {
            limiter.TryAcquire(new IPAddress(0x0A000000 + i), out _);
        }

        var before = limiter.BucketCount;
        time.Advance(TimeSpan.FromMinutes(1));
        limiter.TryAcquire(s_client, out _);

        Assert.Equal(2000, before);
        Assert.Equal(1, limiter.BucketCount);
    }

    private static int Drain(AddressRateLimiter limiter, IPAddress address)
    {
        var taken = 0;
        while (limiter.TryAcquire(address, out _))
        {
            taken++;
        }

        return taken;
    }

    // A clock that only moves when the test says so.
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
