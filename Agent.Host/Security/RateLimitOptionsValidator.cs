using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>Validates <see cref="RateLimitOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>;
