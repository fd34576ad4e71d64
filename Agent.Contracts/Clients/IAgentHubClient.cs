using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Dtos.Gpu;
using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Dtos.Ups;

namespace Agent.Contracts.Clients;

/// <summary>
/// What the hub at <c>/hubs/agent</c> calls on its clients: one method per topic, named after it. The C# names are
/// the SignalR method names, so they carry no <c>Async</c> suffix.
/// </summary>
public interface IAgentHubClient
{
    /// <summary>A new <c>system_update</c>.</summary>
    Task SystemUpdate(SystemSnapshot update);

    /// <summary>A new <c>array_status_update</c>.</summary>
    Task ArrayStatusUpdate(ArrayStatus update);

    /// <summary>A new <c>disk_list_update</c>.</summary>
    Task DiskListUpdate(IReadOnlyList<DiskStatus> update);

    /// <summary>A new <c>share_list_update</c>.</summary>
    Task ShareListUpdate(IReadOnlyList<ShareStatus> update);

    /// <summary>A new <c>ups_status_update</c>.</summary>
    Task UpsStatusUpdate(UpsStatus update);

    /// <summary>A new <c>gpu_metrics_update</c>.</summary>
    Task GpuMetricsUpdate(IReadOnlyList<GpuStatus> update);

    /// <summary>A new <c>network_list_update</c>.</summary>
    Task NetworkListUpdate(IReadOnlyList<NetworkInterfaceStatus> update);

    /// <summary>A new <c>container_list_update</c>.</summary>
    Task ContainerListUpdate(IReadOnlyList<ContainerStatus> update);

    /// <summary>A data source of a subscribed group changed health.</summary>
    Task SourceStatusChanged(SourceStatus status);
}
