namespace Agent.Collectors.Ups;

/// <summary>A UPS daemon answered something its protocol does not allow, or refused the request.</summary>
public sealed class UpsProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UpsProtocolException()
    {
    }

    /// <summary>Creates the exception with a sentence saying what was expected.</summary>
    public UpsProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public UpsProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
