using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

/// <summary>Validates <see cref="DockerOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class DockerOptionsValidator : IValidateOptions<DockerOptions>;
