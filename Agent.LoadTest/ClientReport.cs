namespace Agent.LoadTest;

/// <summary>One client's line in the JSON report.</summary>
internal sealed record ClientReport(
    int Index,
    string Transport,
    bool Accepted,
    string? RefusalReason,
    double ConnectMilliseconds,
    long Events,
    IReadOnlyDictionary<string, long> EventsByType,
    bool UnexpectedDisconnect,
    IReadOnlyList<string> Errors)
{
    public static ClientReport From(ClientTally tally) => new(
        tally.Index,
        TransportNames.Of(tally.Transport),
        tally.IsAccepted,
        tally.RefusalReason,
        Math.Round(tally.ConnectTime.TotalMilliseconds, 3),
        tally.Total,
        tally.Events(),
        tally.HasUnexpectedDisconnect,
        tally.Errors());
}
