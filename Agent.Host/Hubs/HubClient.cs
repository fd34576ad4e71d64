using Agent.Host.Broadcasting;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Hubs;

/// <summary>
/// One hub connection's outbox and delivery pump. A broadcast is written at once while the connection keeps up, and
/// queued otherwise, so a stalled connection holds up nobody: its pending updates coalesce per topic, and after the
/// write timeout it is aborted.
/// </summary>
internal sealed class HubClient : DeliveryPump<SerializedHubMessage>
{
    private readonly DeliveryStatistics _statistics;
    private readonly TimeSpan _writeTimeout;
    private readonly ILogger _logger;

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

    /// <inheritdoc/>
    protected override TimeSpan WriteTimeout => _writeTimeout;

    /// <summary>Sends or queues <paramref name="message"/>.</summary>
    /// <param name="key">The coalescing key.</param>
    /// <param name="message">The message.</param>
    /// <param name="replace">
    /// Whether it replaces a waiting message with the same key; a snapshot sent to one client passes
    /// <see langword="false"/>, because a broadcast already waiting is at least as new.
    /// </param>
    public void Deliver(string key, SerializedHubMessage message, bool replace = true)
    {
        if (Offer(key, message, replace) == EnqueueResult.Replaced)
        {
            _statistics.Coalesced();
        }
    }

    public Task StopAsync()
    {
        Complete();
        return Finished;
    }

    /// <inheritdoc/>
    protected override ValueTask SendAsync(SerializedHubMessage item) => Connection.WriteAsync(item, CancellationToken.None);

    /// <inheritdoc/>
    protected override void OnDelivered() => _statistics.Delivered(Transport);

    /// <inheritdoc/>
    protected override void OnStalled()
    {
        _statistics.Evicted();
        BroadcastingLog.ClientEvicted(_logger, Transport, Connection.ConnectionId, _writeTimeout.TotalSeconds);
        Connection.Abort();
    }

    // The connection ended while a message was being written; SignalR cleans it up.
    /// <inheritdoc/>
    protected override void OnSendFailed(Exception exception)
    {
    }
}
