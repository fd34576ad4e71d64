using System.Globalization;
using System.Runtime.CompilerServices;

namespace Agent.LoadTest;

/// <summary>Prints a <see cref="LoadReport"/> as the tables of the multi-client test report.</summary>
internal static class LoadReportWriter
{
    private static readonly IFormatProvider s_invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, LoadReport r)
    {
        var groups = r.Groups.Count == 0 ? "all" : string.Join(",", r.Groups);
        Line(w, s_invariant, $"agent-loadtest {r.Url}  transport {r.Transport}  groups {groups}  clients {r.Clients}  " +
            $"duration {r.DurationSeconds:0.###} s (measured {r.ElapsedSeconds:F3} s)");
        w.WriteLine();

        w.WriteLine("Connection phase");
        Line(w, s_invariant, $"  {"max_clients (agent)",-28}{r.MaxClients,10}");
        Line(w, s_invariant, $"  {"accepted",-28}{r.Accepted,10}");
        Line(w, s_invariant, $"  {"refused",-28}{r.Refused,10}");
        foreach (var (reason, count) in r.RefusalReasons.OrderByDescending(p => p.Value))
        {
            Line(w, s_invariant, $"    {count,4} x {reason}");
        }

        var c = r.ConnectMilliseconds;
        Line(w, s_invariant, $"  {"connect time (ms)",-28}min {c.Min:F1}  p50 {c.Median:F1}  max {c.Max:F1}");
        w.WriteLine();

        w.WriteLine("Events");
        Line(w, s_invariant, $"  {"total",-28}{r.EventsTotal,10}");
        Line(w, s_invariant, $"  {"per client",-28}{r.EventsPerClient,10:F2}");
        Line(w, s_invariant, $"  {"per second",-28}{r.EventsPerSecond,10:F2}");
        w.WriteLine();

        WriteTypes(w, r);
        WritePerClient(w, r);
        WriteChecks(w, r);
    }

    private static void WriteTypes(TextWriter w, LoadReport r)
    {
        w.WriteLine("Distribution by type");
        Line(w, s_invariant, $"  {"type",-28}{"events",10}{"share",10}");
        foreach (var share in r.ByType)
        {
            Line(w, s_invariant, $"  {share.Type,-28}{share.Count,10}{share.Percent,8:F2} %");
        }

        w.WriteLine();
    }

    private static void WritePerClient(TextWriter w, LoadReport r)
    {
        var p = r.PerClient;
        w.WriteLine("Per client (accepted)");
        Line(w, s_invariant, $"  {"min",10}{"max",10}{"mean",12}{"variance",12}{"stddev/mean",14}");
        Line(w, s_invariant, $"  {p.Min,10:F0}{p.Max,10:F0}{p.Mean,12:F2}{p.Variance,12:F2}{p.CoefficientOfVariationPercent,12:F2} %");
        Line(w, s_invariant, $"  {"client",-8}{"transport",-18}{"connect ms",12}{"events",10}  note");
        foreach (var client in r.ClientDetails)
        {
            var note = client.Accepted
                ? (client.UnexpectedDisconnect ? "disconnected by the agent" : "")
                : $"refused: {client.RefusalReason}";
            Line(w, s_invariant, $"  {client.Index,-8}{client.Transport,-18}{client.ConnectMilliseconds,12:F1}{client.Events,10}  {note}");
        }

        w.WriteLine();
    }

    private static void WriteChecks(TextWriter w, LoadReport r)
    {
        w.WriteLine("Verification");
        foreach (var check in r.Checks)
        {
            Line(w, s_invariant, $"  [{(check.Passed ? "PASS" : "FAIL")}] {check.Name}: {check.Detail}");
        }

        Line(w, s_invariant, $"Result: {(r.Passed ? "PASS" : "FAIL")} ({r.Checks.Count(k => k.Passed)}/{r.Checks.Count} checks)");
    }

    private static void Line(
        TextWriter w,
        IFormatProvider provider,
        [InterpolatedStringHandlerArgument(nameof(provider))] ref DefaultInterpolatedStringHandler text) =>
        w.WriteLine(text.ToStringAndClear());
}
