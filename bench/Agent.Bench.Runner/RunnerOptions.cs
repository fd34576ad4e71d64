namespace Agent.Bench.Runner;

/// <summary>
/// Command line of the harness: <c>--repo ROOT --configuration Release [--short] [--skip-parsers] [--skip-idle]
/// [--clients 1000,5000] [--transports raw,json] [--shipped BINARY] [--markdown FILE] [--json FILE] [--render-only]</c>.
/// <c>--render-only</c> measures nothing: it writes the report again from the raw figures already in the JSON file (with
/// the same run options as the run that wrote them, so the report describes that run). The short version
/// (CI) runs a few seconds per scenario with few clients; the client and transport lists narrow a run to the scenarios
/// being worked on; <c>--shipped</c> names the binary the Unraid package ships (build/publish.sh), measured idle beside
/// the framework-dependent Host.
/// </summary>
internal sealed record RunnerOptions(
    string Repo,
    string Configuration,
    bool IsShort,
    bool SkipParsers,
    bool SkipIdle,
    IReadOnlyList<int>? ChosenClientCounts,
    IReadOnlyList<string>? ChosenTransports,
    string? ShippedBinary,
    string Markdown,
    string Json,
    string Command,
    bool RenderOnly = false)
{
    public IReadOnlyList<int> ClientCounts => ChosenClientCounts ?? (IsShort ? [20] : [100, 1000, 5000]);

    public double SaturationSeconds => IsShort ? 1 : 2;

    /// <summary>
    /// Saturation trials per scenario: <see cref="TargetTrials"/> at 1,000 clients, where the throughput targets are
    /// judged, so that the median stands; one elsewhere, where the figures are for scale and a trial at 5,000 costs a
    /// minute.
    /// </summary>
    public int SaturationTrialsAt(int clients) => !IsShort && clients == TargetClients ? TargetTrials : 1;

    public const int TargetClients = 1000;

    /// <summary>
    /// Five, not three: on two shared cores the plain hub's own trials at 1,000 clients ranged over more than a factor
    /// of two (it batches messages into fewer frames the further it falls behind), and a median of three moved with them.
    /// </summary>
    public const int TargetTrials = 5;

    public double LatencySeconds => IsShort ? 1 : 2.5;

    public int QuietMilliseconds => IsShort ? 300 : 600;

    public double WarmUpSeconds => IsShort ? 0.5 : 1;

    public TimeSpan IdleAgentWarmUp => IsShort ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public TimeSpan IdleAgentDuration => IsShort ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(60);

    public bool Includes(ServerKind kind) => ChosenTransports is null || ChosenTransports.Contains(kind.Transport);

    public static RunnerOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        string[]? List(string name) =>
            Value(name, "") is { Length: > 0 } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;

        var repo = Path.GetFullPath(Value("--repo", Directory.GetCurrentDirectory()));
        var clients = List("--clients")?.Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var transports = List("--transports");

        // Only the whole suite replaces the report in docs/; a short or narrowed run writes among the temporary files
        // unless told where.
        var whole = !args.Contains("--short") && !args.Contains("--skip-parsers") && !args.Contains("--skip-idle")
            && clients is null && transports is null;
        var reports = whole ? Path.Combine(repo, "docs") : Path.Combine(Path.GetTempPath(), "agent-bench");
        return new RunnerOptions(
            repo,
            Value("--configuration", "Release"),
            args.Contains("--short"),
            args.Contains("--skip-parsers"),
            args.Contains("--skip-idle"),
            clients,
            transports,
            Value("--shipped", "") is { Length: > 0 } shipped ? Path.GetFullPath(shipped) : null,
            Path.GetFullPath(Value("--markdown", Path.Combine(reports, "BENCHMARKS.md"))),
            Path.GetFullPath(Value("--json", Path.Combine(reports, "benchmarks.json"))),
            Value("--command", "build/bench.sh"),
            args.Contains("--render-only"));
    }

    public string Output(string project, string assembly) =>
        Path.Combine(Repo, project, "bin", Configuration, "net10.0", assembly + ".dll");
}
