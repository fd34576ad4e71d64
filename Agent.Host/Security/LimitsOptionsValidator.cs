using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>Validates <see cref="LimitsOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class LimitsOptionsValidator : IValidateOptions<LimitsOptions>;
