using System.Threading.Channels;

namespace Agent.Host.Broadcasting;

/// <summary>
/// The bounded outbox of one client. Items are keyed by topic: while an item waits, a newer item with the same key
/// replaces it in place. Memory per client is therefore bounded by the number of topics, and a slow client always
/// ends up with the newest state instead of a backlog of stale frames.
/// </summary>
/// <typeparam name="T">A pre-serialized frame or message.</typeparam>
internal sealed class CoalescingOutbox<T>
    where T : class
{
    // One pending signal at most: the reader drains everything it finds, so further signals add nothing.
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Guards _order, _pending and _completed together.
    private readonly Lock _gate = new();
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, T> _pending = new(StringComparer.Ordinal);
    private bool _completed;

    /// <summary>Items waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="item"/> under <paramref name="key"/>.</summary>
    /// <returns>
    /// <see cref="EnqueueResult.Replaced"/> when an older item of that key was still waiting and is now dropped;
    /// <see cref="EnqueueResult.Closed"/> after <see cref="Complete"/>.
    /// </returns>
    public EnqueueResult Enqueue(string key, T item)
    {
        EnqueueResult result;
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            if (_pending.ContainsKey(key))
            {
                result = EnqueueResult.Replaced;
            }
            else
            {
                _order.Enqueue(key);
                result = EnqueueResult.Added;
            }

            _pending[key] = item;
        }

        _doorbell.Writer.TryWrite(true);
        return result;
    }

    /// <summary>Takes the oldest waiting item, if any.</summary>
    public bool TryDequeue(out T item)
    {
        lock (_gate)
        {
            while (_order.TryDequeue(out var key))
            {
                if (_pending.Remove(key, out var found))
                {
                    item = found;
                    return true;
                }
            }
        }

        item = null!;
        return false;
    }

    /// <summary>Waits until an item may be waiting; <see langword="false"/> once completed.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) =>
        _doorbell.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the signal before draining, so a signal that arrives during the drain is not lost.</summary>
    public void ResetSignal() => _doorbell.Reader.TryRead(out _);

    /// <summary>Refuses further items, drops waiting ones, and ends the reader's wait.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            _order.Clear();
            _pending.Clear();
        }

        _doorbell.Writer.TryComplete();
    }
}
