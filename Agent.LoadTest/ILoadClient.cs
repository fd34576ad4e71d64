namespace Agent.LoadTest;

/// <summary>One connection of the load test, over one transport.</summary>
internal interface ILoadClient : IAsyncDisposable
{
    ClientTally Tally { get; }

    /// <summary>Connects and records in <see cref="Tally"/> whether the agent accepted it; never throws for a refusal.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection as a well-behaved client does.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
