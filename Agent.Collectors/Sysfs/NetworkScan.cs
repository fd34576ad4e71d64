namespace Agent.Collectors.Sysfs;

/// <summary>One pass over <c>class/net</c>.</summary>
/// <param name="IsPresent">Whether the net class folder exists.</param>
internal sealed record NetworkScan(bool IsPresent, IReadOnlyList<NetworkInterfaceSample> Interfaces);
