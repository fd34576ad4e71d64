using System.Globalization;

namespace Agent.Bench.Load;

/// <summary>One measured run: a topic (system or disk), a rate in events a second (0 for the maximum) and a length.</summary>
internal sealed record RunSpec(string Topic, double Rate, double Seconds)
{
    public static RunSpec Parse(string text)
    {
        var parts = text.Split(':');
        return new RunSpec(
            parts[0],
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    public string Mode => Rate > 0 ? "latency" : "saturation";
}
