namespace Agent.Contracts.Topics;

/// <summary>One published stream of values: its wire name, its SignalR group and hub method, and its payload type.</summary>
/// <param name="Name">Wire name, the raw socket's <c>event</c> (e.g. <c>system_update</c>).</param>
/// <param name="Group">SignalR group that receives it, or <see cref="TopicCatalog.AllGroups"/> for every group.</param>
/// <param name="HubMethod">Method of <see cref="Clients.IAgentHubClient"/> that carries it (e.g. <c>SystemUpdate</c>).</param>
/// <param name="PayloadType">Type of the <c>data</c> payload.</param>
/// <param name="RestPath">Path segment of its REST snapshot under <c>/api/v1/</c>; empty when it has none.</param>
public sealed record Topic(string Name, string Group, string HubMethod, Type PayloadType, string RestPath);
