namespace Agent.Collectors.Ups;

/// <summary><c>upsd</c> answered <c>ERR &lt;code&gt;</c>, e.g. <c>UNKNOWN-UPS</c>, <c>DATA-STALE</c>, <c>ACCESS-DENIED</c>.</summary>
public sealed class NutErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NutErrorException()
    {
        Code = "";
    }

    /// <summary>Creates the exception for the error code <paramref name="code"/>.</summary>
    public NutErrorException(string code)
        : base($"upsd answered ERR {code}.")
    {
        Code = code;
    }

    /// <summary>Creates the exception with its cause.</summary>
    public NutErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "";
    }

    /// <summary>The error code of the protocol, e.g. <c>DATA-STALE</c>.</summary>
    public string Code { get; }
}
