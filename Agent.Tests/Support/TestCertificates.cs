using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Agent.Tests.Support;

/// <summary>Self-signed certificates for an HTTPS listener on 127.0.0.1, written as the PEM pair <c>Agent:Tls</c> takes.</summary>
public static class TestCertificates
{
    /// <summary>A certificate for 127.0.0.1, valid from yesterday for 30 days, with its RSA key.</summary>
    public static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    /// <summary>Writes <paramref name="certificate"/> and <paramref name="key"/> as <c>agent.crt</c> and <c>agent.key</c>.</summary>
    public static (string CertPath, string KeyPath) WritePair(TempFolder folder, X509Certificate2 certificate, RSA key) =>
        (folder.Write("agent.crt", certificate.ExportCertificatePem()), folder.Write("agent.key", key.ExportPkcs8PrivateKeyPem()));

    /// <summary>The settings of an HTTPS listener with a new self-signed pair in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string?> HttpsSettings(TempFolder folder, X509Certificate2 certificate)
    {
        var (certPath, keyPath) = WritePair(folder, certificate, certificate.GetRSAPrivateKey()!);
        return new Dictionary<string, string?> { ["Agent:Tls:CertificatePath"] = certPath, ["Agent:Tls:KeyPath"] = keyPath };
    }
}
