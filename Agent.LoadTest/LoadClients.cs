namespace Agent.LoadTest;

/// <summary>Makes the client of a transport.</summary>
internal static class LoadClients
{
    public static ILoadClient Create(int index, LoadTestOptions options)
    {
        var tally = new ClientTally(index, options.TransportOf(index));
        return tally.Transport == TransportKind.Raw
            ? new RawLoadClient(tally, options.BaseAddress, options.Groups)
            : new HubLoadClient(tally, options.BaseAddress, options.Groups);
    }
}
