namespace Agent.Collectors.Gpu;

/// <summary>One object of <c>intel_gpu_top -J</c>.</summary>
/// <param name="EngineBusyPercent">Busy percent per engine, keyed by the engine's name as printed.</param>
/// <param name="GpuPowerWatts">The <c>power.GPU</c> reading, absent without RAPL.</param>
/// <param name="ActualFrequencyMhz">The <c>frequency.actual</c> reading.</param>
internal sealed record IntelGpuTopSample(
    IReadOnlyDictionary<string, double> EngineBusyPercent,
    double? GpuPowerWatts,
    double? ActualFrequencyMhz);
