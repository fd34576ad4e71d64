using System.ComponentModel.DataAnnotations;

namespace Agent.Host.Security;

/// <summary>HTTPS from a PEM certificate and key (<c>Agent:Tls:*</c>); both empty serves plain HTTP.</summary>
public sealed class TlsOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Agent:Tls";

    /// <summary>PEM file with the certificate (and any intermediates after it).</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>PEM file with the certificate's private key, unencrypted.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>Whether HTTPS is configured.</summary>
    public bool IsEnabled => CertificatePath.Length > 0 || KeyPath.Length > 0;

    /// <summary>Checks that the certificate and key are given together.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CertificatePath.Length > 0 && KeyPath.Length == 0)
        {
            yield return new ValidationResult("a certificate needs its key: set Agent:Tls:KeyPath too.", [nameof(KeyPath)]);
        }

        if (KeyPath.Length > 0 && CertificatePath.Length == 0)
        {
            yield return new ValidationResult("a key needs its certificate: set Agent:Tls:CertificatePath too.", [nameof(CertificatePath)]);
        }
    }
}
