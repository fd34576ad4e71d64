using Microsoft.Extensions.Options;

namespace Agent.Collectors.Ups;

/// <summary>Validates <see cref="UpsOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class UpsOptionsValidator : IValidateOptions<UpsOptions>;
