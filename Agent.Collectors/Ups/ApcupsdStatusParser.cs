using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>
/// Turns apcupsd's status records (<c>KEY      : value</c>, one per NIS frame or per line of <c>apcaccess status</c>)
/// into a <see cref="UpsStatus"/>. The layout and its traps are in <c>shared/FORMATS.md</c> §6; samples from real
/// daemons are under <c>shared/fixtures/apcupsd/</c>.
/// </summary>
internal static class ApcupsdStatusParser
{
    private const double SecondsPerMinute = 60;

    /// <summary>Splits text into lines (LF or CRLF) and reads each as a record.</summary>
    public static Dictionary<string, string> ParseText(string text) =>
        ParseRecords(text.Split('\n'));

    /// <summary>
    /// Keys and values of the records, split at the first colon and trimmed (dates hold colons too). A line without a
    /// colon or with an empty key is not a record and is left out.
    /// </summary>
    public static Dictionary<string, string> ParseRecords(IEnumerable<string> lines)
    {
        var records = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            if (key.Length > 0)
            {
                records[key] = line[(colon + 1)..].Trim();
            }
        }

        return records;
    }

    /// <summary>The payload for one apcupsd, with 0 or <c>""</c> for every value the UPS does not report.</summary>
    public static UpsStatus ToStatus(IReadOnlyDictionary<string, string> records, DateTimeOffset timestamp)
    {
        var status = records.TryGetValue("STATUS", out var words) && words.Length > 0 ? words : "unknown";
        var load = UpsNumber.OrZero(records, "LOADPCT");
        var nominal = UpsNumber.OrZero(records, "NOMPOWER");
        var runtimeMinutes = UpsNumber.OrZero(records, "TIMELEFT");

        // apcupsd reports no measured output power, so the protocol's nominal × load rule always applies.
        return new UpsStatus
        {
            Connected = IsConnected(status),
            Status = status,
            LoadPercent = load,
            BatteryChargePercent = UpsNumber.OrZero(records, "BCHARGE"),
            RuntimeLeftSeconds = (long)Math.Round(runtimeMinutes * SecondsPerMinute),
            NominalPowerWatts = nominal,
            PowerWatts = nominal * load / 100,
            InputVoltage = UpsNumber.OrZero(records, "LINEV"),
            OutputVoltage = UpsNumber.OrZero(records, "OUTPUTV"),
            BatteryVoltage = UpsNumber.OrZero(records, "BATTV"),
            Model = Text(records, "MODEL"),
            Name = Text(records, "UPSNAME"),
            Backend = UpsBackends.Apcupsd,
            Timestamp = timestamp,
        };
    }

    // COMMLOST replaces every other word: the daemon runs but has lost its UPS (FORMATS.md §6).
    private static bool IsConnected(string status) =>
        status != "unknown" && !status.StartsWith("COMMLOST", StringComparison.Ordinal);

    private static string Text(IReadOnlyDictionary<string, string> records, string key) =>
        records.TryGetValue(key, out var value) && value != "N/A" ? value : "";
}
