using System.Globalization;
using System.Runtime.CompilerServices;

namespace Agent.LoadTest;

/// <summary>The verification block of a soak run.</summary>
internal static class SoakChecks
{
    private static readonly IFormatProvider s_invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<Check> Evaluate(SoakReport report)
    {
        var before = report.AgentBefore;
        var after = report.AgentAfter;
        var released = after.Current == before.Current
            && after.AcceptedTotal - after.DisconnectedTotal == before.AcceptedTotal - before.DisconnectedTotal;
        var checks = new List<Check>
        {
            new(
                "clients cycled",
                report.Accepted > report.Clients,
                Text(s_invariant, $"{report.Accepted} accepted connects of {report.Cycles} attempts")),
            new("no connect failures", report.Failed == 0, Text(s_invariant, $"{report.Failed} failed for another reason than the cap")),
            new(
                "no unexpected disconnects",
                report.UnexpectedDisconnects == 0,
                Text(s_invariant, $"{report.UnexpectedDisconnects} closed by the agent")),
            new("slots released", released, Text(
                s_invariant,
                $"agent current {after.Current} (was {before.Current}); accepted_total {after.AcceptedTotal - before.AcceptedTotal} " +
                $"and disconnected_total {after.DisconnectedTotal - before.DisconnectedTotal} during the run")),
        };
        checks.AddRange(report.Growth.Select(g => new Check($"{g.Metric} bounded", g.Passed, g.Detail)));
        return checks;
    }

    private static string Text(
        IFormatProvider provider,
        [InterpolatedStringHandlerArgument(nameof(provider))] ref DefaultInterpolatedStringHandler text) =>
        text.ToStringAndClear();
}
