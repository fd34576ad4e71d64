namespace Agent.Collectors.Proc;

/// <summary>What <c>/proc/cpuinfo</c> says about the processors.</summary>
/// <param name="Model">The first <c>model name</c> (or the ARM <c>Hardware</c>/<c>Processor</c> line); empty when none.</param>
/// <param name="Threads">Logical CPUs: the number of <c>processor</c> blocks.</param>
/// <param name="PhysicalCores">Distinct (<c>physical id</c>, <c>core id</c>) pairs; the thread count when the kernel gives no topology.</param>
/// <param name="MeanMhz">Mean of the <c>cpu MHz</c> lines; 0 when there are none (ARM).</param>
internal sealed record CpuInfo(string Model, int Threads, int PhysicalCores, double MeanMhz);
