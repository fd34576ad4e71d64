namespace Agent.Host.Security;

/// <summary>The configured certificate and key cannot serve HTTPS; the message is the one line start-up prints.</summary>
public sealed class TlsCertificateException : Exception
{
    public TlsCertificateException()
    {
    }

    public TlsCertificateException(string message)
        : base(message)
    {
    }

    public TlsCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
