using Agent.Host.Broadcasting;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// One hub connection's outbox and write loop. Broadcasts are queued here instead of being written inline, so a
/// stalled connection holds up nobody: its pending updates coalesce per topic, and after the write timeout it is
/// aborted.
/// </summary>
internal sealed class HubClient
{
    private readonly CoalescingOutbox<SerializedHubMessage> _outbox = new();
    private readonly DeliveryStatistics _statistics;
    private readonly TimeSpan _writeTimeout;
    private readonly ILogger _logger;
    private Task _writing = Task.CompletedTask;

    public HubClient(HubConnectionContext connection, DeliveryStatistics statistics, TimeSpan writeTimeout, ILogger logger)
    {
        Connection = connection;
        Transport = connection.Protocol.Name == "messagepack" ? Transport.SignalrMessagepack : Transport.SignalrJson;
        _statistics = statistics;
        _writeTimeout = writeTimeout;
        _logger = logger;
    }

    public HubConnectionContext Connection { get; }

    public Transport Transport { get; }

    public void Start() => _writing = WriteLoopAsync(Connection.ConnectionAborted);

    /// <summary>Queues <paramref name="message"/>, replacing a waiting message with the same key.</summary>
    public void Offer(string key, SerializedHubMessage message)
    {
        if (_outbox.Enqueue(key, message) == EnqueueResult.Replaced)
        {
            _statistics.Coalesced();
        }
    }

    public Task StopAsync()
    {
        _outbox.Complete();
        return _writing;
    }

    private async Task WriteLoopAsync(CancellationToken aborted)
    {
        try
        {
            while (await _outbox.WaitToReadAsync(aborted).ConfigureAwait(false))
            {
                _outbox.ResetSignal();
                while (_outbox.TryDequeue(out var message))
                {
                    if (!await TryWriteAsync(message, aborted).ConfigureAwait(false))
                    {
                        Evict();
                        return;
                    }

                    _statistics.Delivered(Transport);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The connection ended; SignalR cleans it up.
        }
    }

    private async Task<bool> TryWriteAsync(SerializedHubMessage message, CancellationToken aborted)
    {
        var write = Connection.WriteAsync(message, aborted);
        if (write.IsCompletedSuccessfully)
        {
            return true;
        }

        try
        {
            await write.AsTask().WaitAsync(_writeTimeout, aborted).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void Evict()
    {
        _statistics.Evicted();
        BroadcastingLog.ClientEvicted(_logger, Transport, Connection.ConnectionId, _writeTimeout.TotalSeconds);
        _outbox.Complete();
        Connection.Abort();
    }
}
