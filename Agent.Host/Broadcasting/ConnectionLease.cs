namespace Agent.Host.Broadcasting;

/// <summary>One taken slot of the <see cref="ConnectionBudget"/>; disposing it frees the slot, once.</summary>
internal sealed class ConnectionLease(ConnectionBudget budget, Transport transport) : IDisposable
{
    private int _released;

    /// <summary>The transport that holds the slot.</summary>
    public Transport Transport { get; } = transport;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            budget.Release(Transport);
        }
    }
}
