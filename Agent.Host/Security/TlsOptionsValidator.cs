using Microsoft.Extensions.Options;

namespace Agent.Host.Security;

/// <summary>Validates <see cref="TlsOptions"/> at start-up.</summary>
[OptionsValidator]
public sealed partial class TlsOptionsValidator : IValidateOptions<TlsOptions>;
