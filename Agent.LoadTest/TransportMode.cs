namespace Agent.LoadTest;

/// <summary>The <c>--transport</c> choice: one transport for every client, or all three in turn.</summary>
internal enum TransportMode
{
    Raw,
    SignalrJson,
    SignalrMessagepack,
    Mixed,
}
