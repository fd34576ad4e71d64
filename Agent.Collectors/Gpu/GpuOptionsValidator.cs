using Microsoft.Extensions.Options;

namespace Agent.Collectors.Gpu;

/// <summary>Validates <see cref="GpuOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class GpuOptionsValidator : IValidateOptions<GpuOptions>;
