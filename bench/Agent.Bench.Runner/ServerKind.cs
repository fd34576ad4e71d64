namespace Agent.Bench.Runner;

/// <summary>One server-and-transport pairing of the fan-out suite.</summary>
/// <param name="Server">agent, ws (the Node reference) or hub (the plain ASP.NET Core hub).</param>
/// <param name="Transport">raw, json or msgpack.</param>
/// <param name="Path">The path the load client connects to.</param>
internal sealed record ServerKind(string Server, string Transport, string Path)
{
    public static readonly IReadOnlyList<ServerKind> All =
    [
        new("agent", "raw", "api/v1/ws?snapshot=false"),
        new("ws", "raw", ""),
        new("agent", "json", "hubs/agent?groups=system,array"),
        new("hub", "json", "hub"),
        new("agent", "msgpack", "hubs/agent?groups=system,array"),
        new("hub", "msgpack", "hub"),
    ];

    public bool IsAgent => Server == "agent";

    public string Label => $"{Server}/{Transport}";
}
