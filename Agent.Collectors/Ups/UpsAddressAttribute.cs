using System.ComponentModel.DataAnnotations;

namespace Agent.Collectors.Ups;

/// <summary>Checks that a setting is a <c>host:port</c> pair that <see cref="UpsAddress.TryParse"/> accepts.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class UpsAddressAttribute : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is string text && UpsAddress.TryParse(text, out _)
            ? ValidationResult.Success
            : new ValidationResult(
                $"Agent:Ups:{validationContext.MemberName} must be host:port (e.g. 127.0.0.1:3551), not '{value}'.",
                [validationContext.MemberName ?? ""]);
    }
}
