using System.Diagnostics;

namespace Agent.Host.Broadcasting;

/// <summary>
/// Sends one client's outbox. Whoever offers an item to an idle client sends it at once, on its own thread: a send
/// that the transport can take completes synchronously, so a broadcast to N ready clients is N queued frames or sends
/// with no task and no thread hop of its own. Only a send that has to wait (the client is slow) moves the client to
/// an asynchronous drain; meanwhile new items coalesce in the outbox, and a send that waits longer than the write
/// timeout stalls the client out.
/// </summary>
/// <remarks>
/// At most one thread sends for a client at a time: the one that set <c>_sending</c>. Every path that clears it looks
/// at the outbox again afterwards, so an item offered while the sender was finishing is never stranded.
/// </remarks>
/// <typeparam name="T">A pre-serialized frame or message.</typeparam>
internal abstract class DeliveryPump<T>
    where T : class
{
    private readonly CoalescingOutbox<T> _outbox = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Held from the start: what is offered before the transport exists waits until Start.
    private int _sending = 1;
    private int _started;
    private int _finishing;
    private long _blockedSince;

    /// <summary>Items waiting now: at most one per coalescing key.</summary>
    public int PendingCount => _outbox.Count;

    /// <summary>How long the current send has been waiting for the client; zero when none waits.</summary>
    public TimeSpan BlockedFor => Volatile.Read(ref _blockedSince) is var since and > 0 ? Stopwatch.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>Completes once the pump has stopped for good and its closing step (if any) is done.</summary>
    public Task Finished => _finished.Task;

    /// <summary>The longest a single send may wait before the client counts as stalled.</summary>
    protected abstract TimeSpan WriteTimeout { get; }

    /// <summary>Queues <paramref name="item"/> under <paramref name="key"/> and sends it if the client is idle.</summary>
    /// <param name="key">The coalescing key.</param>
    /// <param name="item">The item.</param>
    /// <param name="replace">
    /// Whether the item takes the place of a waiting one with the same key; a snapshot passes <see langword="false"/>,
    /// because what a live broadcast queued is at least as new as the snapshot.
    /// </param>
    /// <returns>What the outbox did with the item.</returns>
    public EnqueueResult Offer(string key, T item, bool replace = true)
    {
        // The common case: nothing waits and nobody sends, so the item goes out at once and is never stored.
        if (_outbox.IsEmpty && Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            if (_outbox.IsEmpty && !_outbox.IsCompleted)
            {
                Drain(item);
                return EnqueueResult.Added;
            }

            var queued = _outbox.Enqueue(key, item, replace);
            Drain();
            return queued;
        }

        var result = _outbox.Enqueue(key, item, replace);
        if (result != EnqueueResult.Closed)
        {
            Pump();
        }

        return result;
    }

    /// <summary>Starts sending, beginning with what was offered before the transport was ready; later calls do nothing.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            Drain();
        }
    }

    /// <summary>Drops what is waiting and stops; the closing step runs once the current send (if any) ends.</summary>
    public void Complete()
    {
        _outbox.Complete();
        Pump();
    }

    /// <summary>Starts sending <paramref name="item"/>; the transport, not a token, ends a send when the client goes away.</summary>
    protected abstract ValueTask SendAsync(T item);

    /// <summary>Called after each item the client's transport took.</summary>
    protected abstract void OnDelivered();

    /// <summary>Called once when a send waited past <see cref="WriteTimeout"/>; the pump then stops.</summary>
    protected abstract void OnStalled();

    /// <summary>Called once when a send failed (the client went away); the pump then stops.</summary>
    protected abstract void OnSendFailed(Exception exception);

    /// <summary>The last step after <see cref="Complete"/>, run by the sending side (e.g. a close frame).</summary>
    protected virtual Task OnFinishingAsync() => Task.CompletedTask;

    private void Pump()
    {
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            Drain();
        }
    }

    // Runs with _sending held, sending first, if given, then what waits; returns having released it, or having handed
    // it to an asynchronous continuation.
    private void Drain(T? first = null)
    {
        var item = first;
        while (true)
        {
            while (item is not null || _outbox.TryDequeue(out item))
            {
                ValueTask send;
                try
                {
                    send = SendAsync(item);
                    item = null;
                    if (send.IsCompleted)
                    {
                        send.GetAwaiter().GetResult();
                        OnDelivered();
                        continue;
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Fail(ex);
                    return;
                }

                _ = AwaitSendAsync(send);
                return;
            }

            if (_outbox.IsCompleted)
            {
                Finish();
                return;
            }

            // A full fence: the look at the outbox that follows must not be read before the release, or an item a
            // producer stored while its own claim failed could be stranded.
            Interlocked.Exchange(ref _sending, 0);
            if (_outbox.IsEmpty && !_outbox.IsCompleted)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _sending, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task AwaitSendAsync(ValueTask send)
    {
        Volatile.Write(ref _blockedSince, Stopwatch.GetTimestamp());
        try
        {
            await send.AsTask().WaitAsync(WriteTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Volatile.Write(ref _blockedSince, 0);
            _outbox.Complete();
            OnStalled();
            Finish();
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Volatile.Write(ref _blockedSince, 0);
            Fail(ex);
            return;
        }

        Volatile.Write(ref _blockedSince, 0);
        OnDelivered();
        Drain();
    }

    private void Fail(Exception exception)
    {
        _outbox.Complete();
        OnSendFailed(exception);
        Finish();
    }

    // Keeps _sending set for good, so nothing is sent after the closing step.
    private void Finish()
    {
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
        {
            return;
        }

        _ = FinishAsync();
    }

    private async Task FinishAsync()
    {
        try
        {
            await OnFinishingAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            OnSendFailed(ex);
        }
        finally
        {
            _finished.TrySetResult();
        }
    }
}
