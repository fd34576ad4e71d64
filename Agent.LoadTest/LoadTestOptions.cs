namespace Agent.LoadTest;

/// <summary>The command line of one run.</summary>
internal sealed record LoadTestOptions
{
    /// <summary>The agent's base address, e.g. <c>http://127.0.0.1:8043/</c>.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Clients connected at once (in soak mode: the clients that keep coming and going).</summary>
    public required int Clients { get; init; }

    /// <summary>How long the run lasts, from the first connect to the stop.</summary>
    public required TimeSpan Duration { get; init; }

    public TransportMode Transport { get; init; } = TransportMode.Raw;

    /// <summary>Hub groups to join; raw clients subscribe to the topics of these groups. Empty means everything.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Where to write the report as JSON; null for none.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether clients connect and leave continuously while the agent's process is sampled.</summary>
    public bool Soak { get; init; }

    /// <summary>How long a soak client stays connected before it leaves and connects again.</summary>
    public TimeSpan SoakHold { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the agent's memory, handles and threads are sampled in soak mode.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The agent's process id for <c>/proc/&lt;pid&gt;</c>; null reads the figures from <c>/metrics</c>.</summary>
    public int? Pid { get; init; }

    /// <summary>The transport of client number <paramref name="index"/>.</summary>
    public TransportKind TransportOf(int index) => Transport switch
    {
        TransportMode.Raw => TransportKind.Raw,
        TransportMode.SignalrJson => TransportKind.SignalrJson,
        TransportMode.SignalrMessagepack => TransportKind.SignalrMessagepack,
        _ => (TransportKind)(index % 3),
    };
}
