using Agent.Contracts.Dtos.Ups;

namespace Agent.Collectors.Ups;

/// <summary>
/// Turns NUT variables (from <c>LIST VAR</c>, or from <c>upsc</c> and <c>.dev</c> dumps) into a
/// <see cref="UpsStatus"/>. Variable names are NUT's (<c>docs/nut-names.txt</c>); dumps are described in
/// <c>shared/FORMATS.md</c> §7 with samples under <c>shared/fixtures/nut/</c>.
/// </summary>
internal static class NutStatusParser
{
    /// <summary>
    /// Reads a <c>upsc</c> or <c>.dev</c> dump: <c>key: value</c> lines; <c>#</c> comment lines, <c>#CMD:</c> lines
    /// and the notes that <c>.dev</c> files add after a TAB are left out, as are lines without a colon.
    /// </summary>
    public static Dictionary<string, string> ParseDump(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = StripNote(raw.TrimEnd('\r'));
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (line.TrimStart().StartsWith('#') || colon <= 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            if (key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal))
            {
                variables[key] = line[(colon + 1)..].Trim();
            }
        }

        return variables;
    }

    /// <summary>The payload for UPS <paramref name="name"/>, with 0 or <c>""</c> for every variable it lacks.</summary>
    public static UpsStatus ToStatus(string name, IReadOnlyDictionary<string, string> variables, DateTimeOffset timestamp)
    {
        var status = variables.TryGetValue("ups.status", out var words) && words.Trim().Length > 0 ? words.Trim() : "unknown";
        var load = UpsNumber.OrZero(variables, "ups.load");
        var nominal = UpsNumber.OrZero(variables, "ups.realpower.nominal");
        var measured = variables.TryGetValue("ups.realpower", out var realPower) ? UpsNumber.TryParseLeading(realPower) : null;

        return new UpsStatus
        {
            Connected = true,
            Status = status,
            LoadPercent = load,
            BatteryChargePercent = UpsNumber.OrZero(variables, "battery.charge"),
            RuntimeLeftSeconds = (long)Math.Round(UpsNumber.OrZero(variables, "battery.runtime")),
            NominalPowerWatts = nominal,
            PowerWatts = measured ?? nominal * load / 100,
            InputVoltage = UpsNumber.OrZero(variables, "input.voltage"),
            OutputVoltage = UpsNumber.OrZero(variables, "output.voltage"),
            BatteryVoltage = UpsNumber.OrZero(variables, "battery.voltage"),
            Model = Model(variables),
            Name = name,
            Backend = UpsBackends.Nut,
            Timestamp = timestamp,
        };
    }

    /// <summary>The payload for a UPS that <c>upsd</c> lists but cannot give data for (driver gone, data stale).</summary>
    public static UpsStatus Unreachable(string name, DateTimeOffset timestamp) => new()
    {
        Connected = false,
        Name = name,
        Backend = UpsBackends.Nut,
        Timestamp = timestamp,
    };

    private static string Model(IReadOnlyDictionary<string, string> variables)
    {
        foreach (var key in new[] { "device.model", "ups.model" })
        {
            if (variables.TryGetValue(key, out var model) && model.Trim().Length > 0)
            {
                return model.Trim();
            }
        }

        return "";
    }

    // A .dev note starts at a TAB followed by '#': "battery.runtime: 65535\t#BAD: overflow?".
    private static string StripNote(string line)
    {
        var note = line.IndexOf("\t#", StringComparison.Ordinal);
        return note < 0 ? line : line[..note];
    }
}
