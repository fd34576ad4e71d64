using System.Runtime.InteropServices;

namespace Agent.Host.Broadcasting;

/// <summary>
/// The bounded outbox of one client. Items are keyed by topic: while an item waits, a newer item with the same key
/// replaces it in place. Memory per client is therefore bounded by the number of topics, and a slow client always
/// ends up with the newest state instead of a backlog of stale frames. The outbox only stores; its
/// <see cref="DeliveryPump{T}"/> decides who sends, and stores nothing while the client keeps up.
/// </summary>
/// <typeparam name="T">A pre-serialized frame or message.</typeparam>
internal sealed class CoalescingOutbox<T>
    where T : class
{
    // Guards _order, _pending and _completed together. The queues are created on first use: a client that keeps up
    // never has anything waiting, because an item that can be sent at once is never stored.
    private readonly Lock _gate = new();
    private Queue<string>? _order;
    private Dictionary<string, T>? _pending;
    private bool _completed;

    // _pending's count, written under _gate and readable without it.
    private int _count;

    /// <summary>Items waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending?.Count ?? 0;
            }
        }
    }

    /// <summary>Whether nothing waits; read without the lock, so a producer's item may show a moment late.</summary>
    public bool IsEmpty => Volatile.Read(ref _count) == 0;

    /// <summary>Whether <see cref="Complete"/> was called.</summary>
    public bool IsCompleted => Volatile.Read(ref _completed);

    /// <summary>Queues <paramref name="item"/> under <paramref name="key"/>.</summary>
    /// <param name="key">The coalescing key.</param>
    /// <param name="item">The item.</param>
    /// <param name="replace">Whether the item replaces a waiting one of the same key (else it is dropped).</param>
    /// <returns>
    /// <see cref="EnqueueResult.Replaced"/> when an older item of that key was still waiting and is now dropped;
    /// <see cref="EnqueueResult.Kept"/> when the waiting item stays and this one is dropped;
    /// <see cref="EnqueueResult.Closed"/> after <see cref="Complete"/>.
    /// </returns>
    public EnqueueResult Enqueue(string key, T item, bool replace = true)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return EnqueueResult.Closed;
            }

            _pending ??= new Dictionary<string, T>(StringComparer.Ordinal);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_pending, key, out var exists);
            if (exists && !replace)
            {
                return EnqueueResult.Kept;
            }

            slot = item;
            if (exists)
            {
                return EnqueueResult.Replaced;
            }

            (_order ??= new Queue<string>()).Enqueue(key);
            Volatile.Write(ref _count, _pending.Count);
            return EnqueueResult.Added;
        }
    }

    /// <summary>Takes the oldest waiting item, if any.</summary>
    public bool TryDequeue(out T item)
    {
        if (IsEmpty)
        {
            item = null!;
            return false;
        }

        lock (_gate)
        {
            while (_order is not null && _order.TryDequeue(out var key))
            {
                if (_pending!.Remove(key, out var found))
                {
                    Volatile.Write(ref _count, _pending.Count);
                    item = found;
                    return true;
                }
            }
        }

        item = null!;
        return false;
    }

    /// <summary>Refuses further items and drops waiting ones.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Volatile.Write(ref _completed, true);
            _order?.Clear();
            _pending?.Clear();
            Volatile.Write(ref _count, 0);
        }
    }
}
