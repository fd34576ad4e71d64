namespace Agent.Collectors.Docker;

/// <summary>The counters of one container's stats sample that the next sample needs for its deltas and rates.</summary>
internal readonly record struct ContainerSample(
    ulong CpuTotalNanoseconds,
    ulong SystemNanoseconds,
    long RxBytes,
    long TxBytes,
    DateTimeOffset ReadAt);
