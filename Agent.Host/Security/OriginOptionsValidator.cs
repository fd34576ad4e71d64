using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>Validates <see cref="OriginOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class OriginOptionsValidator : IValidateOptions<OriginOptions>;
