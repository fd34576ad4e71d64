namespace Agent.Bench.Server;

/// <summary>
/// The agent's own Host, unchanged, plus one loopback-only route that publishes benchmark events into its
/// TopicStore. Nothing of this ships: the product has no injection route (see docs/BENCHMARKS.md).
/// </summary>
internal static class BenchServerEntry
{
    public static async Task<int> Main(string[] args)
    {
        var port = args.Length > 0 && int.TryParse(args[0], out var parsed) ? parsed : 0;
        await using var server = new BenchAgentFactory(port);
        server.UseKestrel();
        server.StartServer();
        Console.WriteLine($"ready {Environment.ProcessId}");

        // The harness ends the server by closing its standard input.
        await Console.In.ReadToEndAsync().ConfigureAwait(false);
        return 0;
    }
}
