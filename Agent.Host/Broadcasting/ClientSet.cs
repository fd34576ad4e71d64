namespace Agent.Host.Broadcasting;

/// <summary>
/// Clients by id, with a copy-on-write array of them for the fan-out: a broadcast reads one array without a lock or
/// an enumerator, and only joining and leaving (far rarer than events) pay for a copy.
/// </summary>
/// <typeparam name="T">A connected client.</typeparam>
internal sealed class ClientSet<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
    private T[] _snapshot = [];

    /// <summary>Every member at the moment of the call; the array is never changed afterwards.</summary>
    public T[] Snapshot => Volatile.Read(ref _snapshot);

    public int Count => Snapshot.Length;

    public void Set(string id, T client)
    {
        lock (_gate)
        {
            _byId[id] = client;
            Publish();
        }
    }

    public T? Remove(string id)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out var removed))
            {
                return null;
            }

            Publish();
            return removed;
        }
    }

    public T? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    private void Publish() => Volatile.Write(ref _snapshot, [.. _byId.Values]);
}
