using Agent.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Agent.Host.Broadcasting;

/// <summary>
/// The one connection budget shared by raw sockets and hub connections. A slot is taken with a compare-and-swap
/// before a connection is admitted, so the cap holds exactly under any number of simultaneous attempts.
/// </summary>
internal sealed class ConnectionBudget
{
    // A refusal after this much quiet is logged again; the ones in between are only counted.
    private static readonly TimeSpan s_refusalLogQuiet = TimeSpan.FromMinutes(1);

    private readonly int[] _byTransport = new int[3];
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionBudget> _logger;
    private int _current;
    private int _peak;
    private long _accepted;
    private long _rejected;
    private long _disconnected;
    private long _lastRefusalTicks = long.MinValue;

    public ConnectionBudget(IOptions<AgentOptions> options, TimeProvider time, ILogger<ConnectionBudget> logger)
    {
        MaxClients = options.Value.MaxClients;
        _time = time;
        _logger = logger;
    }

    /// <summary>Connections allowed at once.</summary>
    public int MaxClients { get; }

    /// <summary>Connections open now.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>Most connections open at once since start.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public long AcceptedTotal => Interlocked.Read(ref _accepted);

    public long RejectedTotal => Interlocked.Read(ref _rejected);

    public long DisconnectedTotal => Interlocked.Read(ref _disconnected);

    /// <summary>Connections open now on <paramref name="transport"/>.</summary>
    public int OpenOn(Transport transport) => Volatile.Read(ref _byTransport[(int)transport]);

    /// <summary>Takes a slot for a connection on <paramref name="transport"/>.</summary>
    /// <param name="transport">The connection's transport.</param>
    /// <param name="countRefusal">False when a full budget is not yet a refusal: the caller hands the connection on to one
    /// that asks again and answers the client.</param>
    /// <returns>A lease to dispose when the connection ends, or <see langword="null"/> when the budget is full.</returns>
    public ConnectionLease? TryReserve(Transport transport, bool countRefusal = true)
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current >= MaxClients)
            {
                if (countRefusal)
                {
                    Refuse(transport);
                }

                return null;
            }

            if (Interlocked.CompareExchange(ref _current, current + 1, current) == current)
            {
                Interlocked.Increment(ref _byTransport[(int)transport]);
                Interlocked.Increment(ref _accepted);
                RaisePeak(current + 1);
                return new ConnectionLease(this, transport);
            }
        }
    }

    internal void Release(Transport transport)
    {
        Interlocked.Decrement(ref _byTransport[(int)transport]);
        Interlocked.Decrement(ref _current);
        Interlocked.Increment(ref _disconnected);
    }

    private void RaisePeak(int candidate)
    {
        var peak = Volatile.Read(ref _peak);
        while (candidate > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, candidate, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    private void Refuse(Transport transport)
    {
        Interlocked.Increment(ref _rejected);
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Exchange(ref _lastRefusalTicks, now);
        if (last == long.MinValue || now - last >= s_refusalLogQuiet.Ticks)
        {
            BroadcastingLog.CapReached(_logger, MaxClients, transport);
        }
    }
}
