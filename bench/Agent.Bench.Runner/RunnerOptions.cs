namespace Agent.Bench.Runner;

/// <summary>
/// Command line of the harness: <c>--repo ROOT --configuration Release [--short] [--skip-parsers] --markdown FILE
/// --json FILE</c>. The short version (CI) runs a few seconds per scenario with few clients.
/// </summary>
internal sealed record RunnerOptions(string Repo, string Configuration, bool IsShort, bool SkipParsers, string Markdown, string Json, string Command)
{
    public IReadOnlyList<int> ClientCounts => IsShort ? [20] : [100, 1000, 5000];

    public double SaturationSeconds => IsShort ? 1 : 2;

    public double LatencySeconds => IsShort ? 1 : 3;

    public int QuietMilliseconds => IsShort ? 300 : 700;

    public TimeSpan IdleAgentWarmUp => IsShort ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public TimeSpan IdleAgentDuration => IsShort ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(60);

    public static RunnerOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var repo = Path.GetFullPath(Value("--repo", Directory.GetCurrentDirectory()));
        return new RunnerOptions(
            repo,
            Value("--configuration", "Release"),
            args.Contains("--short"),
            args.Contains("--skip-parsers"),
            Path.GetFullPath(Value("--markdown", Path.Combine(repo, "docs", "BENCHMARKS.md"))),
            Path.GetFullPath(Value("--json", Path.Combine(repo, "docs", "benchmarks.json"))),
            Value("--command", "build/bench.sh"));
    }

    public string Output(string project, string assembly) =>
        Path.Combine(Repo, project, "bin", Configuration, "net10.0", assembly + ".dll");
}
