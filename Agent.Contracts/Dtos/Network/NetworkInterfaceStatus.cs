namespace Agent.Contracts.Dtos.Network;

/// <summary>One network interface in <c>network_list_update</c>.</summary>
public sealed record NetworkInterfaceStatus
{
    /// <summary>Interface name, e.g. <c>eth0</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Hardware address, lower-case and colon separated.</summary>
    public string MacAddress { get; init; } = "";

    /// <summary>First IPv4 address; empty when the interface has none.</summary>
    public string IpAddress { get; init; } = "";

    /// <summary>Every IPv6 address of the interface.</summary>
    public IReadOnlyList<string> Ipv6Addresses { get; init; } = [];

    /// <summary>Link speed in Mbit/s; −1 when the kernel does not know it.</summary>
    public long SpeedMbps { get; init; } = -1;

    /// <summary>The kernel's raw <c>operstate</c> (<c>up</c>, <c>down</c>, <c>unknown</c>, …).</summary>
    public string State { get; init; } = "unknown";

    /// <summary>Maximum transmission unit, in bytes.</summary>
    public int Mtu { get; init; }

    /// <summary>Bytes received since the interface came up.</summary>
    public long BytesReceived { get; init; }

    /// <summary>Bytes sent since the interface came up.</summary>
    public long BytesSent { get; init; }

    /// <summary>Packets received since the interface came up.</summary>
    public long PacketsReceived { get; init; }

    /// <summary>Packets sent since the interface came up.</summary>
    public long PacketsSent { get; init; }

    /// <summary>Receive errors since the interface came up.</summary>
    public long ErrorsReceived { get; init; }

    /// <summary>Transmit errors since the interface came up.</summary>
    public long ErrorsSent { get; init; }

    /// <summary>Receive rate since the previous sample, in bytes per second; 0 on the first sample and after a counter reset.</summary>
    public double RxBytesPerSec { get; init; }

    /// <summary>Transmit rate since the previous sample, in bytes per second; 0 on the first sample and after a counter reset.</summary>
    public double TxBytesPerSec { get; init; }

    /// <summary>When the values were read.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
