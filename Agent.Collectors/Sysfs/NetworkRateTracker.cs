using Agent.Collectors.Proc;
using Agent.Contracts.Dtos.Network;

namespace Agent.Collectors.Sysfs;

/// <summary>
/// Works out per-second byte rates from the previous sample of each interface: 0 on an interface's first sample and
/// after its counter went backwards (the driver was reloaded or the interface re-created). Interfaces that
/// disappeared are forgotten, so one that comes back starts again at 0.
/// </summary>
internal sealed class NetworkRateTracker
{
    private readonly Dictionary<string, Previous> _previous = new(StringComparer.Ordinal);

    /// <summary>Builds the payload for <paramref name="samples"/> read at monotonic time <paramref name="at"/>.</summary>
    public IReadOnlyList<NetworkInterfaceStatus> Update(IReadOnlyList<NetworkInterfaceSample> samples, TimeSpan at, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(samples);

        var result = new List<NetworkInterfaceStatus>(samples.Count);
        foreach (var sample in samples)
        {
            var known = _previous.TryGetValue(sample.Name, out var previous) && at > previous.At;
            var elapsed = at - previous.At;
            var counters = sample.Counters;
            result.Add(new NetworkInterfaceStatus
            {
                Name = sample.Name,
                MacAddress = sample.MacAddress,
                IpAddress = sample.IpAddress,
                Ipv6Addresses = sample.Ipv6Addresses,
                SpeedMbps = sample.SpeedMbps,
                State = sample.State,
                Mtu = sample.Mtu,
                BytesReceived = ProcText.ToWire(counters.RxBytes),
                BytesSent = ProcText.ToWire(counters.TxBytes),
                PacketsReceived = ProcText.ToWire(counters.RxPackets),
                PacketsSent = ProcText.ToWire(counters.TxPackets),
                ErrorsReceived = ProcText.ToWire(counters.RxErrors),
                ErrorsSent = ProcText.ToWire(counters.TxErrors),
                RxBytesPerSec = known ? Rate(previous.RxBytes, counters.RxBytes, elapsed) : 0,
                TxBytesPerSec = known ? Rate(previous.TxBytes, counters.TxBytes, elapsed) : 0,
                Timestamp = timestamp,
            });
        }

        Remember(samples, at);
        return result;
    }

    private static double Rate(ulong previous, ulong current, TimeSpan elapsed) =>
        current < previous ? 0 : (current - previous) / elapsed.TotalSeconds;

    private void Remember(IReadOnlyList<NetworkInterfaceSample> samples, TimeSpan at)
    {
        var present = samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _previous.Keys.Where(name => !present.Contains(name)).ToList())
        {
            _previous.Remove(gone);
        }

        foreach (var sample in samples)
        {
            _previous[sample.Name] = new Previous(at, sample.Counters.RxBytes, sample.Counters.TxBytes);
        }
    }

    private readonly record struct Previous(TimeSpan At, ulong RxBytes, ulong TxBytes);
}
