namespace Agent.Collectors.Proc;

/// <summary>The counters of one interface, as <c>/proc/net/dev</c> or <c>statistics/</c> in sysfs give them.</summary>
internal readonly record struct NetDevCounters(
    ulong RxBytes,
    ulong RxPackets,
    ulong RxErrors,
    ulong TxBytes,
    ulong TxPackets,
    ulong TxErrors);
