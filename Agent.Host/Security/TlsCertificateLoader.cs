using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Agent.Host.Security;

/// <summary>Loads the PEM certificate and key of <see cref="TlsOptions"/>; any problem is a <see cref="TlsCertificateException"/>.</summary>
internal static class TlsCertificateLoader
{
    /// <summary>The certificate with its private key, or null when HTTPS is not configured.</summary>
    public static X509Certificate2? Load(TlsOptions options, TimeProvider time)
    {
        if (!options.IsEnabled)
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(options.CertificatePath, options.KeyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var pair = $"certificate '{options.CertificatePath}' with key '{options.KeyPath}'";
            throw new TlsCertificateException($"Invalid setting Agent:Tls: cannot use {pair}: {FirstLine(ex.Message)}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new TlsCertificateException($"Invalid setting Agent:Tls:KeyPath = '{options.KeyPath}': the file holds no private key.");
        }

        if (certificate.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime)
        {
            var notAfter = certificate.NotAfter.ToUniversalTime();
            certificate.Dispose();
            throw new TlsCertificateException(
                $"Invalid setting Agent:Tls:CertificatePath = '{options.CertificatePath}': the certificate expired on {notAfter:u}.");
        }

        return certificate;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.') + ".";
}
