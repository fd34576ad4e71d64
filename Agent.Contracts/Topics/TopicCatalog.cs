using Agent.Contracts.Dtos.Array;
using Agent.Contracts.Dtos.Containers;
using Agent.Contracts.Dtos.Gpu;
using Agent.Contracts.Dtos.Network;
using Agent.Contracts.Dtos.Sources;
using Agent.Contracts.Dtos.System;
using Agent.Contracts.Dtos.Ups;

namespace Agent.Contracts.Topics;

/// <summary>
/// The one list of topics and groups. The hub, the raw socket, REST and the dashboard all read it, so a topic is
/// added in one place.
/// </summary>
public static class TopicCatalog
{
    /// <summary>Group name of <see cref="SourceStatusChanged"/>: it goes to the group of its subsystem.</summary>
    public const string AllGroups = "*";

    /// <summary><c>system_update</c> in group <c>system</c>.</summary>
    public static readonly Topic SystemUpdate =
        new("system_update", Groups.System, "SystemUpdate", typeof(SystemSnapshot), "system");

    /// <summary><c>array_status_update</c> in group <c>array</c>.</summary>
    public static readonly Topic ArrayStatusUpdate =
        new("array_status_update", Groups.Array, "ArrayStatusUpdate", typeof(ArrayStatus), "array");

    /// <summary><c>disk_list_update</c> in group <c>array</c>.</summary>
    public static readonly Topic DiskListUpdate =
        new("disk_list_update", Groups.Array, "DiskListUpdate", typeof(IReadOnlyList<DiskStatus>), "disks");

    /// <summary><c>share_list_update</c> in group <c>array</c>.</summary>
    public static readonly Topic ShareListUpdate =
        new("share_list_update", Groups.Array, "ShareListUpdate", typeof(IReadOnlyList<ShareStatus>), "shares");

    /// <summary><c>ups_status_update</c> in group <c>ups</c>.</summary>
    public static readonly Topic UpsStatusUpdate =
        new("ups_status_update", Groups.Ups, "UpsStatusUpdate", typeof(UpsStatus), "ups");

    /// <summary><c>gpu_metrics_update</c> in group <c>gpu</c>.</summary>
    public static readonly Topic GpuMetricsUpdate =
        new("gpu_metrics_update", Groups.Gpu, "GpuMetricsUpdate", typeof(IReadOnlyList<GpuStatus>), "gpu");

    /// <summary><c>network_list_update</c> in group <c>network</c>.</summary>
    public static readonly Topic NetworkListUpdate =
        new("network_list_update", Groups.Network, "NetworkListUpdate", typeof(IReadOnlyList<NetworkInterfaceStatus>), "network");

    /// <summary><c>container_list_update</c> in group <c>containers</c>.</summary>
    public static readonly Topic ContainerListUpdate =
        new("container_list_update", Groups.Containers, "ContainerListUpdate", typeof(IReadOnlyList<ContainerStatus>), "docker");

    /// <summary><c>source_status_changed</c>, sent to every raw client and to the group of its subsystem.</summary>
    public static readonly Topic SourceStatusChanged =
        new("source_status_changed", AllGroups, "SourceStatusChanged", typeof(SourceStatus), "");

    /// <summary>Every topic, in the order the dashboard and REST list them.</summary>
    public static readonly IReadOnlyList<Topic> All =
    [
        SystemUpdate, ArrayStatusUpdate, DiskListUpdate, ShareListUpdate, UpsStatusUpdate,
        GpuMetricsUpdate, NetworkListUpdate, ContainerListUpdate, SourceStatusChanged,
    ];

    /// <summary>Every group name, in the order of the protocol.</summary>
    public static readonly IReadOnlyList<string> GroupNames =
        [Groups.System, Groups.Array, Groups.Ups, Groups.Gpu, Groups.Network, Groups.Containers];

    private static readonly Dictionary<string, Topic> s_byName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Finds a topic by its wire name.</summary>
    /// <returns><see langword="null"/> when no topic has that name.</returns>
    public static Topic? Find(string name) => s_byName.GetValueOrDefault(name);

    /// <summary>The topics of one group, without <see cref="SourceStatusChanged"/>.</summary>
    public static IEnumerable<Topic> InGroup(string group) => All.Where(t => t.Group == group);

    /// <summary>Whether <paramref name="group"/> is one of <see cref="GroupNames"/>.</summary>
    public static bool IsGroup(string group) => GroupNames.Contains(group, StringComparer.Ordinal);

    /// <summary>Group names of the protocol.</summary>
    public static class Groups
    {
        /// <summary>CPU, memory, temperatures.</summary>
        public const string System = "system";

        /// <summary>Array, disks and shares.</summary>
        public const string Array = "array";

        /// <summary>UPS status.</summary>
        public const string Ups = "ups";

        /// <summary>GPU metrics.</summary>
        public const string Gpu = "gpu";

        /// <summary>Network interfaces.</summary>
        public const string Network = "network";

        /// <summary>Docker containers.</summary>
        public const string Containers = "containers";
    }
}
