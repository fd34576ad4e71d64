using System.Globalization;

namespace Agent.Bench.Load;

/// <summary>
/// Command line of the load client: <c>--url http://127.0.0.1:P --path /api/v1/ws --transport raw|json|msgpack
/// --clients N --server-pid PID --runs system:0:5,disk:10:5 --out result.json [--quiet-ms 1000] [--warm-up-seconds 1]</c>. A run
/// is topic:rate:seconds; a rate of 0 is a saturation run. The quiet time is how long nothing must arrive before a run starts;
/// the warm-up is an unrecorded saturation run of each topic before the first measured one.
/// </summary>
internal sealed record LoadOptions(
    Uri Url,
    string Path,
    string Transport,
    int Clients,
    int ServerPid,
    IReadOnlyList<RunSpec> Runs,
    string Out,
    string Label,
    TimeSpan Quiet,
    TimeSpan WarmUp)
{
    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        var runs = values["runs"].Split(',').Select(RunSpec.Parse).ToList();
        return new LoadOptions(
            new Uri(values["url"]),
            values["path"],
            values["transport"],
            int.Parse(values["clients"], CultureInfo.InvariantCulture),
            int.Parse(values["server-pid"], CultureInfo.InvariantCulture),
            runs,
            values["out"],
            values.GetValueOrDefault("label", ""),
            TimeSpan.FromMilliseconds(int.Parse(values.GetValueOrDefault("quiet-ms", "1000"), CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(values.GetValueOrDefault("warm-up-seconds", "0"), CultureInfo.InvariantCulture)));
    }
}
