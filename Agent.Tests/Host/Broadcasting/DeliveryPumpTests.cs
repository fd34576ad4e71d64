using System.Collections.Concurrent;
using Agent.Host.Broadcasting;

namespace Agent.Tests.Host.Broadcasting;

/// <summary>
/// The per-client pump alone, with a transport that completes a send at once or only when the test lets it: items
/// sent at once are never stored, a waiting client's items coalesce per key, and none is ever stranded.
/// </summary>
public sealed class DeliveryPumpTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Offer_ToAStartedIdleClient_SendsAtOnceWithoutQueuing()
    {
        var pump = new TestPump();
        pump.Start();

        var results = new[] { pump.Offer("a", "1"), pump.Offer("a", "2"), pump.Offer("b", "3") };

        Assert.All(results, r => Assert.Equal(EnqueueResult.Added, r));
        Assert.Equal(["1", "2", "3"], pump.Sent);
        Assert.Equal(0, pump.PendingCount);
    }

    [Fact]
    public void Offer_BeforeStart_WaitsThenGoesOutInOrderWithTheNewestOfEachKey()
    {
        var pump = new TestPump();

        pump.Offer("a", "1");
        pump.Offer("b", "2");
        var replaced = pump.Offer("a", "3");
        var kept = pump.Offer("b", "4", replace: false);
        var sentBeforeStart = pump.Sent.Count;
        pump.Start();
        pump.Start();

        Assert.Equal(EnqueueResult.Replaced, replaced);
        Assert.Equal(EnqueueResult.Kept, kept);
        Assert.Equal(0, sentBeforeStart);
        Assert.Equal(["3", "2"], pump.Sent);
    }

    [Fact]
    public async Task Offer_WhileASendWaits_CoalescesAndSendsTheNewestWhenTheClientCatchesUp()
    {
        var pump = new TestPump();
        pump.Start();
        var gate = pump.HoldNextSend();

        pump.Offer("a", "1");
        pump.Offer("a", "2");
        pump.Offer("a", "3");
        pump.Offer("b", "4");
        var pendingWhileBlocked = pump.PendingCount;
        gate.SetResult();
        await pump.WaitForAsync(3);

        Assert.Equal(2, pendingWhileBlocked);
        Assert.Equal(["1", "3", "4"], pump.Sent);
    }

    [Fact]
    public async Task Complete_BeforeStart_FinishesOnceStarted()
    {
        var pump = new TestPump();
        pump.Offer("a", "1");

        pump.Complete();
        var finishedBeforeStart = pump.Finished.IsCompleted;
        pump.Start();
        await pump.Finished.WaitAsync(s_wait);

        Assert.False(finishedBeforeStart);
        Assert.Empty(pump.Sent);
        Assert.Equal(EnqueueResult.Closed, pump.Offer("a", "2"));
    }

    // Producers on several threads against sends that now and then complete later on another thread: with distinct
    // keys nothing coalesces, so every item must arrive exactly once and each producer's items in its order.
    [Fact]
    public async Task Offer_FromManyThreadsWhileSendsCompleteLater_DeliversEveryItemOnceInEachProducersOrder()
    {
        const int producers = 4;
        const int perProducer = 5_000;
        var pump = new TestPump { SometimesLater = true };
        pump.Start();

        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                pump.Offer($"{p}:{i}", $"{p}:{i}");
            }
        })));
        await pump.WaitForAsync(producers * perProducer);

        var sent = pump.Sent.ToArray();
        Assert.Equal(producers * perProducer, sent.Distinct().Count());
        for (var p = 0; p < producers; p++)
        {
            var order = sent.Where(s => s.StartsWith($"{p}:", StringComparison.Ordinal)).Select(s => int.Parse(s[(s.IndexOf(':') + 1)..]));
            Assert.Equal(Enumerable.Range(0, perProducer), order);
        }
    }

    private sealed class TestPump : DeliveryPump<string>
    {
        private readonly ConcurrentQueue<string> _sent = new();
        private TaskCompletionSource? _hold;
        private int _sends;

        public bool SometimesLater { get; init; }

        public IReadOnlyCollection<string> Sent => _sent;

        protected override TimeSpan WriteTimeout => TimeSpan.FromMinutes(1);

        public TaskCompletionSource HoldNextSend() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task WaitForAsync(int count)
        {
            using var timeout = new CancellationTokenSource(s_wait);
            while (_sent.Count < count)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        protected override ValueTask SendAsync(string item)
        {
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                return new ValueTask(SendWhenAsync(hold.Task, item));
            }

            if (SometimesLater && Interlocked.Increment(ref _sends) % 97 == 0)
            {
                return new ValueTask(SendWhenAsync(Task.Delay(1), item));
            }

            _sent.Enqueue(item);
            return ValueTask.CompletedTask;
        }

        protected override void OnDelivered()
        {
        }

        protected override void OnStalled()
        {
        }

        protected override void OnSendFailed(Exception exception)
        {
        }

        private async Task SendWhenAsync(Task gate, string item)
        {
            await gate.ConfigureAwait(false);
            _sent.Enqueue(item);
        }
    }
}
