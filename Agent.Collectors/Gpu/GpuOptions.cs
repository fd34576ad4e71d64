using System.ComponentModel.DataAnnotations;

namespace Agent.Collectors.Gpu;

/// <summary>
/// Where the GPU tools are and how long they may run (<c>Agent:Gpu:*</c>). A tool path that is unset is looked up on
/// <c>PATH</c>; an empty path, or one that does not exist, means that vendor is absent.
/// </summary>
public sealed class GpuOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Gpu";

    /// <summary>The <c>nvidia-smi</c> executable; null looks it up on <c>PATH</c>, empty turns NVIDIA off.</summary>
    public string? NvidiaSmi { get; set; }

    /// <summary>The <c>intel_gpu_top</c> executable; null looks it up on <c>PATH</c>, empty turns Intel off.</summary>
    public string? IntelGpuTop { get; set; }

    /// <summary>Seconds one <c>nvidia-smi</c> call may take before its process tree is killed.</summary>
    [Range(1, 300)]
    public int NvidiaTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Milliseconds that <c>intel_gpu_top</c> samples each card. It prints a sample every half of this and is stopped
    /// a quarter later, so the second sample (the first is often a spike) is in its output.
    /// </summary>
    [Range(200, 60_000)]
    public int IntelSampleMilliseconds { get; set; } = 1000;

    /// <summary>Bytes of output a tool may print before it is killed.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int MaxOutputBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The NVIDIA timeout as a duration.</summary>
    public TimeSpan NvidiaTimeout => TimeSpan.FromSeconds(NvidiaTimeoutSeconds);

    /// <summary>The Intel sample time as a duration.</summary>
    public TimeSpan IntelSampleDuration => TimeSpan.FromMilliseconds(IntelSampleMilliseconds);
}
