using System.Globalization;
using System.Runtime.CompilerServices;

namespace Agent.LoadTest;

/// <summary>The verification block of a load run.</summary>
internal static class LoadChecks
{
    private static readonly IFormatProvider s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Largest spread of events per accepted client, as standard deviation over mean, that still passes.</summary>
    public const double MaxVariationPercent = 10;

    public static IReadOnlyList<Check> Evaluate(LoadReport report, IReadOnlyList<ClientTally> tallies) =>
    [
        CapHeld(report),
        RefusalsNameTheCap(tallies),
        EveryClientGotEvents(report),
        VarianceUnderLimit(report),
        NoUnexpectedDisconnects(report),
        FiguresAgree(report, tallies),
        SlotsReleased(report),
    ];

    private static Check CapHeld(LoadReport report)
    {
        var expected = Math.Min(report.Clients, report.MaxClients);
        var passed = report.Accepted == expected && report.AgentDuring.Current <= report.MaxClients;
        return new Check("cap held", passed, Text(
            s_invariant,
            $"expected accepted = min(clients {report.Clients}, max_clients {report.MaxClients}) = {expected}; " +
            $"accepted {report.Accepted}; agent current {report.AgentDuring.Current}"));
    }

    private static Check RefusalsNameTheCap(IReadOnlyList<ClientTally> tallies)
    {
        var refused = tallies.Where(t => !t.IsAccepted).ToArray();
        var other = refused.Count(t => !t.IsRefusedByCap);
        return new Check("refusals name the cap", other == 0, Text(
            s_invariant,
            $"{refused.Length} refused, {refused.Length - other} with '{CapRefusal.Marker}', {other} for another reason"));
    }

    private static Check EveryClientGotEvents(LoadReport report)
    {
        var silent = report.ClientDetails.Count(c => c.Accepted && c.Events == 0);
        return new Check("every accepted client got events", report.Accepted > 0 && silent == 0, Text(
            s_invariant,
            $"{report.Accepted} accepted, {silent} without events, fewest {report.PerClient.Min:F0}"));
    }

    private static Check VarianceUnderLimit(LoadReport report)
    {
        var variation = report.PerClient.CoefficientOfVariationPercent;
        return new Check("variance under 10 %", report.Accepted > 0 && variation < MaxVariationPercent, Text(
            s_invariant,
            $"per-client events min {report.PerClient.Min:F0} max {report.PerClient.Max:F0} variance {report.PerClient.Variance:F2} " +
            $"(stddev/mean {variation:F2} %)"));
    }

    private static Check NoUnexpectedDisconnects(LoadReport report) =>
        new("no unexpected disconnects", report.UnexpectedDisconnects == 0, Text(s_invariant, $"{report.UnexpectedDisconnects} closed by the agent"));

    // The agent's counters moved by exactly what this run did; another client of the same agent during the run breaks it.
    private static Check FiguresAgree(LoadReport report, IReadOnlyList<ClientTally> tallies)
    {
        var acceptedDelta = report.AgentDuring.AcceptedTotal - report.AgentBefore.AcceptedTotal;
        var rejectedDelta = report.AgentDuring.RejectedTotal - report.AgentBefore.RejectedTotal;
        var currentDelta = report.AgentDuring.Current - report.AgentBefore.Current;
        var refusedByCap = tallies.Count(t => !t.IsAccepted && t.IsRefusedByCap);
        var passed = acceptedDelta == report.Accepted && rejectedDelta == refusedByCap && currentDelta == report.Accepted;
        return new Check("agent figures agree", passed, Text(
            s_invariant,
            $"agent accepted +{acceptedDelta}, rejected +{rejectedDelta}, current +{currentDelta}; " +
            $"seen here accepted {report.Accepted}, refused by the cap {refusedByCap}"));
    }

    private static Check SlotsReleased(LoadReport report)
    {
        var before = report.AgentBefore;
        var after = report.AgentAfter;
        var passed = after.Current == before.Current
            && after.AcceptedTotal - after.DisconnectedTotal == before.AcceptedTotal - before.DisconnectedTotal;
        return new Check("slots released", passed, Text(
            s_invariant,
            $"agent current {after.Current} after close (was {before.Current}); " +
            $"accepted_total - disconnected_total {after.AcceptedTotal - after.DisconnectedTotal}"));
    }

    private static string Text(
        IFormatProvider provider,
        [InterpolatedStringHandlerArgument(nameof(provider))] ref DefaultInterpolatedStringHandler text) =>
        text.ToStringAndClear();
}
