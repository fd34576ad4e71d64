using System.Collections.Concurrent;
using Agent.Collectors.Hosting;
using Agent.Contracts.Clients;
using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Dtos.Gpu;
using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Dtos.Ups;
using Agent.Contracts.Topics;
using Agent.Host.Hubs;
using Agent.Host.WebSockets;
using Microsoft.AspNetCore.SignalR;

namespace Agent.Host.Broadcasting;

/// <summary>
/// Hands every publication to both real-time transports: serialized once into a raw frame for all raw clients, and
/// once per hub protocol through the typed hub context (the hub's lifetime manager queues it per connection).
/// Neither path waits for a client. The latest raw frame of each topic is kept for snapshots.
/// </summary>
internal sealed class Broadcaster(
    TopicStore store,
    RawClientRegistry rawClients,
    IHubContext<AgentHub, IAgentHubClient> hub,
    DeliveryStatistics statistics,
    ILogger<Broadcaster> logger) : ITopicSubscriber, IHostedService
{
    private static readonly Dictionary<string, Func<IAgentHubClient, object, Task>> s_hubMethods = new(StringComparer.Ordinal)
    {
        [TopicCatalog.SystemUpdate.Name] = (c, p) => c.SystemUpdate((SystemSnapshot)p),
        [TopicCatalog.ArrayStatusUpdate.Name] = (c, p) => c.ArrayStatusUpdate((ArrayStatus)p),
        [TopicCatalog.DiskListUpdate.Name] = (c, p) => c.DiskListUpdate((IReadOnlyList<DiskStatus>)p),
        [TopicCatalog.ShareListUpdate.Name] = (c, p) => c.ShareListUpdate((IReadOnlyList<ShareStatus>)p),
        [TopicCatalog.UpsStatusUpdate.Name] = (c, p) => c.UpsStatusUpdate((UpsStatus)p),
        [TopicCatalog.GpuMetricsUpdate.Name] = (c, p) => c.GpuMetricsUpdate((IReadOnlyList<GpuStatus>)p),
        [TopicCatalog.NetworkListUpdate.Name] = (c, p) => c.NetworkListUpdate((IReadOnlyList<NetworkInterfaceStatus>)p),
        [TopicCatalog.ContainerListUpdate.Name] = (c, p) => c.ContainerListUpdate((IReadOnlyList<ContainerStatus>)p),
        [TopicCatalog.SourceStatusChanged.Name] = (c, p) => c.SourceStatusChanged((SourceStatus)p),
    };

    private readonly ConcurrentDictionary<string, RawFrame> _latestFrames = new(StringComparer.Ordinal);

    /// <summary>The latest raw frame of every topic (and of every subsystem's source status), in catalogue order.</summary>
    public IEnumerable<RawFrame> LatestFrames() =>
        TopicCatalog.All.SelectMany(t => _latestFrames.Values.Where(f => f.Topic == t.Name).OrderBy(f => f.Key, StringComparer.Ordinal))
            .Where(IsWritable);

    /// <summary>The hub method that carries <paramref name="topic"/> to one client.</summary>
    public static Task SendToAsync(IAgentHubClient client, Topic topic, object payload) => s_hubMethods[topic.Name](client, payload);

    /// <inheritdoc/>
    public void OnPublished(Publication publication)
    {
        statistics.Published();
        try
        {
            var frame = EnvelopeWriter.Write(publication, statistics);
            if (rawClients.Count > 0)
            {
                // Written here, inside this guard, rather than by the first client's send: a payload that cannot be
                // serialized is logged once instead of failing the delivery pump of every raw client.
                _ = frame.Frame;
            }

            _latestFrames[frame.Key] = frame;
            rawClients.Broadcast(frame);
            SendToHub(publication);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A payload that cannot be serialized is a bug in its collector; the other topics keep flowing.
            BroadcastingLog.BroadcastFailed(logger, publication.Topic.Name, ex);
        }
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Subscribe(this);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Unsubscribe(this);
        return Task.CompletedTask;
    }

    // A frame kept while no raw client was connected is written when a snapshot first needs it; one that cannot be
    // is left out of the snapshot and logged, instead of failing the new client.
    private bool IsWritable(RawFrame frame)
    {
        try
        {
            _ = frame.Frame;
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            BroadcastingLog.BroadcastFailed(logger, frame.Topic, ex);
            return false;
        }
    }

    private void SendToHub(Publication publication)
    {
        var group = publication.Payload is SourceStatus status ? status.Subsystem : publication.Topic.Group;

        // The lifetime manager only queues the message, so this task is already complete; it is observed anyway.
        var sent = SendToAsync(hub.Clients.Group(group), publication.Topic, publication.Payload);
        if (!sent.IsCompletedSuccessfully)
        {
            sent.ContinueWith(
                t => BroadcastingLog.BroadcastFailed(logger, publication.Topic.Name, t.Exception!),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
