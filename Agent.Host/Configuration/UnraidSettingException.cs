namespace Agent.Host.Configuration;

/// <summary>A <c>config.cfg</c> line or a Go-agent environment variable that the Host cannot use.</summary>
public sealed class UnraidSettingException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public UnraidSettingException()
    {
        Name = "";
    }

    /// <summary>Creates the exception.</summary>
    public UnraidSettingException(string message)
        : base(message)
    {
        Name = "";
    }

    /// <summary>Creates the exception.</summary>
    public UnraidSettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Name = "";
    }

    /// <summary>Creates the exception for the setting called <paramref name="name"/>.</summary>
    public UnraidSettingException(string name, string message)
        : base(message)
    {
        Name = name;
    }

    /// <summary>The setting's name (<c>PORT</c>), or empty when the line has none.</summary>
    public string Name { get; }
}
