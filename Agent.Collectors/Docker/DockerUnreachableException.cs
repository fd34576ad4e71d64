namespace Agent.Collectors.Docker;

/// <summary>The Docker daemon could not be reached: socket missing, connection refused or reset.</summary>
internal sealed class DockerUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DockerUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DockerUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DockerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
