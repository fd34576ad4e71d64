namespace Agent.LoadTest;

/// <summary>The run cannot go on (the agent does not answer, its figures are unreadable); the tool exits with 2.</summary>
internal sealed class LoadTestException : Exception
{
    public LoadTestException()
    {
    }

    public LoadTestException(string message)
        : base(message)
    {
    }

    public LoadTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
