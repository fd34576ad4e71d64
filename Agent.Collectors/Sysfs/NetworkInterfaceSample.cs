using Agent.Collectors.Proc;

namespace Agent.Collectors.Sysfs;

/// <summary>What one read of an interface gives, before rates are worked out.</summary>
/// <param name="SpeedMbps">Mb/s; −1 when the kernel does not know it or the file cannot be read (a link that is down).</param>
/// <param name="Counters">From <c>statistics/</c>, else from <c>/proc/net/dev</c>, else zero.</param>
internal sealed record NetworkInterfaceSample(
    string Name,
    string MacAddress,
    string State,
    int Mtu,
    long SpeedMbps,
    NetDevCounters Counters,
    string IpAddress,
    IReadOnlyList<string> Ipv6Addresses);
