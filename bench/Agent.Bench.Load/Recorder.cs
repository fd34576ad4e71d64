using System.Diagnostics;

namespace Agent.Bench.Load;

/// <summary>
/// Counts deliveries and keeps latencies while a run is recording. Receive loops call it from many threads; samples
/// go to per-thread lists so that recording does not contend on one lock.
/// </summary>
internal sealed class Recorder
{
    private readonly ThreadLocal<List<double>> _samples = new(() => [], trackAllValues: true);
    private long _count;
    private long _seen;
    private long _startedAt;
    private int _lost;
    private string? _firstLoss;
    private long _lastDeliveryAt;
    private volatile bool _recording;
    private volatile bool _wantLatency;

    public bool IsRecording => _recording;

    public bool WantsLatency => _recording && _wantLatency;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Messages received since start, recorded or not.</summary>
    public long Seen => Interlocked.Read(ref _seen);

    /// <summary>
    /// Time from <see cref="Start"/> to the last recorded delivery: the span the deliveries took, without the quiet
    /// time a run waits at its end to be sure nothing more is coming.
    /// </summary>
    public TimeSpan DeliverySpan =>
        Interlocked.Read(ref _lastDeliveryAt) is var last and > 0 ? Stopwatch.GetElapsedTime(_startedAt, last) : TimeSpan.Zero;

    public void Start(bool latency)
    {
        foreach (var list in _samples.Values)
        {
            lock (list)
            {
                list.Clear();
            }
        }

        Interlocked.Exchange(ref _count, 0);
        Interlocked.Exchange(ref _lastDeliveryAt, 0);
        _startedAt = Stopwatch.GetTimestamp();
        _wantLatency = latency;
        _recording = true;
    }

    public void Stop() => _recording = false;

    /// <summary>Clients whose receive loop ended before the load client stopped, since it started: they count nothing from then on.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>Why the first lost client stopped, if one did.</summary>
    public string? FirstLoss => Volatile.Read(ref _firstLoss);

    /// <summary>
    /// Runs one client's receive loop until <paramref name="stop"/>. A loop that ends before (the server closed the
    /// connection, reset it, or sent a message the client cannot read) stops that client's count, and the runs say so.
    /// </summary>
    public async Task ReceiveUntilStoppedAsync(Func<Task> receive, CancellationToken stop)
    {
        try
        {
            await receive().ConfigureAwait(false);
            if (!stop.IsCancellationRequested)
            {
                ClientLost("closed by the server");
            }
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            ClientLost($"{ex.GetType().Name}: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private void ClientLost(string cause)
    {
        Interlocked.CompareExchange(ref _firstLoss, cause, null);
        Interlocked.Increment(ref _lost);
    }

    public void Delivered() => Delivered(1);

    /// <summary>Counts <paramref name="messages"/> whole messages that one receive brought.</summary>
    public void Delivered(int messages)
    {
        if (messages == 0)
        {
            return;
        }

        Interlocked.Add(ref _seen, messages);
        if (_recording)
        {
            Interlocked.Add(ref _count, messages);
            Volatile.Write(ref _lastDeliveryAt, Stopwatch.GetTimestamp());
        }
    }

    public void Latency(DateTimeOffset publishedAt)
    {
        var milliseconds = (DateTimeOffset.UtcNow - publishedAt).TotalMilliseconds;
        var list = _samples.Value!;
        lock (list)
        {
            list.Add(milliseconds);
        }
    }

    public double[] Samples()
    {
        var all = new List<double>();
        foreach (var list in _samples.Values)
        {
            lock (list)
            {
                all.AddRange(list);
            }
        }

        var sorted = all.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
