using System.ComponentModel.DataAnnotations;

namespace Agent.Host.Security;

/// <summary>Which browser origins may open a WebSocket or hub connection besides the agent's own (<c>Agent:AllowedOrigins</c>).</summary>
public sealed class OriginOptions : IValidatableObject
{
    /// <summary>Configuration section: the list lives directly under <c>Agent</c>.</summary>
    public const string SectionName = "Agent";

    /// <summary>Origins such as <c>https://homeassistant.local:8123</c>, compared without case and without a trailing slash.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Checks that every entry is a bare http or https origin.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (OriginPolicy.Normalize(origin) is null)
            {
                yield return new ValidationResult(
                    $"'{origin}' is not an origin; write scheme://host[:port], e.g. http://tower.local:8043.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
