namespace Agent.Collectors.Proc;

/// <summary>
/// One <c>cpu</c> line of <c>/proc/stat</c>, in USER_HZ ticks since boot. <see cref="Id"/> is −1 for the aggregate
/// line. guest and guest_nice are left out on purpose: the kernel already counts them in user and nice.
/// </summary>
internal readonly record struct CpuTimes(
    int Id,
    ulong User,
    ulong Nice,
    ulong System,
    ulong Idle,
    ulong IoWait,
    ulong Irq,
    ulong SoftIrq,
    ulong Steal)
{
    /// <summary>Ticks spent waiting: idle and I/O wait.</summary>
    public ulong IdleTicks => Idle + IoWait;

    /// <summary>Every tick of the line.</summary>
    public ulong TotalTicks => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;
}
