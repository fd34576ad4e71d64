using System.Globalization;
using System.Runtime.CompilerServices;

namespace Agent.LoadTest;

/// <summary>Prints a <see cref="SoakReport"/>: the figures over time, the growth verdicts and the checks.</summary>
internal static class SoakReportWriter
{
    private static readonly IFormatProvider s_invariant = CultureInfo.InvariantCulture;

    // The table shows at most this many rows, evenly spread; the JSON keeps every sample.
    private const int MaxRows = 30;

    public static void Write(TextWriter w, SoakReport r)
    {
        Line(w, s_invariant, $"agent-loadtest soak {r.Url}  transport {r.Transport}  clients {r.Clients}  duration {r.DurationSeconds:0.###} s  " +
            $"hold {r.HoldSeconds:0.###} s  samples from {r.SampleSource}");
        w.WriteLine();
        w.WriteLine("Connections");
        Line(w, s_invariant, $"  attempts {r.Cycles}  accepted {r.Accepted}  refused by the cap {r.RefusedByCap}  failed {r.Failed}  " +
            $"unexpected disconnects {r.UnexpectedDisconnects}  events {r.EventsTotal}");
        foreach (var failure in r.FailureSamples)
        {
            Line(w, s_invariant, $"    {failure}");
        }

        w.WriteLine();
        w.WriteLine("Agent process over time");
        Line(w, s_invariant, $"  {"t (s)",8}{"RSS (MiB)",12}{"handles",10}{"threads",10}{"current",10}");
        var step = Math.Max(1, (int)Math.Ceiling(r.Samples.Count / (double)MaxRows));
        for (var i = 0; i < r.Samples.Count; i++)
        {
            if (i % step == 0 || i == r.Samples.Count - 1)
            {
                var s = r.Samples[i];
                var residentMebibytes = s.ResidentBytes / 1048576.0;
                Line(w, s_invariant, $"  {s.ElapsedSeconds,8:F1}{residentMebibytes,12:F1}{s.OpenHandles,10}{s.Threads,10}{s.Connections,10}");
            }
        }

        w.WriteLine();
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
