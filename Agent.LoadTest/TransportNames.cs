namespace Agent.LoadTest;

/// <summary>The command-line names of the transports, also used in the report.</summary>
internal static class TransportNames
{
    public static string Of(TransportKind kind) => kind switch
    {
        TransportKind.Raw => "raw",
        TransportKind.SignalrJson => "signalr-json",
        _ => "signalr-msgpack",
    };

    public static string Of(TransportMode mode) => mode switch
    {
        TransportMode.Raw => "raw",
        TransportMode.SignalrJson => "signalr-json",
        TransportMode.SignalrMessagepack => "signalr-msgpack",
        _ => "mixed",
    };
}
