using System.Net.Sockets;

namespace Agent.Collectors.Ups;

/// <summary>
/// One TCP conversation with a UPS daemon, bounded twice: the connect by the connect timeout, and the whole exchange
/// by the read timeout, so a daemon that accepts and then says nothing cannot hold a poll.
/// </summary>
internal sealed class UpsConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _exchange;

    private UpsConnection(Socket socket, CancellationTokenSource exchange)
    {
        _socket = socket;
        _exchange = exchange;
        Stream = new NetworkStream(socket, ownsSocket: false);
    }

    public NetworkStream Stream { get; }

    /// <summary>Fires when the read timeout is over or the caller gives up.</summary>
    public CancellationToken Token => _exchange.Token;

    public static async Task<UpsConnection> OpenAsync(
        UpsAddress address,
        TimeSpan connectTimeout,
        TimeSpan readTimeout,
        CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(connectTimeout);
                await TimedAsync(
                    socket.ConnectAsync(address.Host, address.Port, connect.Token).AsTask(),
                    $"connecting to {address} took longer than {connectTimeout.TotalSeconds:0.###} s",
                    cancellationToken).ConfigureAwait(false);
            }

            var exchange = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            exchange.CancelAfter(readTimeout);
            return new UpsConnection(socket, exchange);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Awaits <paramref name="operation"/>; a cancellation that came from a timeout rather than from the caller becomes
    /// a <see cref="TimeoutException"/>, so callers tell an unresponsive daemon from shutdown.
    /// </summary>
    public static async Task<T> TimedAsync<T>(Task<T> operation, string whatTimedOut, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(whatTimedOut, ex);
        }
    }

    public static Task TimedAsync(Task operation, string whatTimedOut, CancellationToken cancellationToken) =>
        TimedAsync(AsValueless(operation), whatTimedOut, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _exchange.Dispose();
    }

    private static async Task<bool> AsValueless(Task operation)
    {
        await operation.ConfigureAwait(false);
        return true;
    }
}
