using System.Globalization;
using System.Net;

namespace Agent.Host.Configuration;

/// <summary>
/// One <c>config.cfg</c> / Go-agent name, the configuration key it sets (PROTOCOL.md §9) and the rule its value follows.
/// </summary>
internal sealed record UnraidSetting(string Name, string Key, UnraidSettingKind Kind)
{
    private const int MaxIntervalSeconds = 86_400;
    private const int MaxClients = 100_000;

    /// <summary>Every name the Host understands; other names in the file (the Go agent's MQTT keys) are ignored.</summary>
    public static IReadOnlyList<UnraidSetting> All { get; } =
    [
        new("PORT", "Agent:Port", UnraidSettingKind.Port),
        new("BIND_ADDRESS", "Agent:BindAddress", UnraidSettingKind.Address),
        new("MAX_CLIENTS", "Agent:MaxClients", UnraidSettingKind.Count),
        new("API_TOKEN", "Agent:ApiToken", UnraidSettingKind.Secret),
        new("READ_ONLY", "Agent:ReadOnly", UnraidSettingKind.Flag),
        new("INTERVAL_SYSTEM", "Agent:Intervals:System", UnraidSettingKind.Interval),
        new("INTERVAL_ARRAY", "Agent:Intervals:Array", UnraidSettingKind.Interval),
        new("INTERVAL_DISK", "Agent:Intervals:Disks", UnraidSettingKind.Interval),
        new("INTERVAL_SHARES", "Agent:Intervals:Shares", UnraidSettingKind.Interval),
        new("INTERVAL_UPS", "Agent:Intervals:Ups", UnraidSettingKind.Interval),
        new("INTERVAL_GPU", "Agent:Intervals:Gpu", UnraidSettingKind.Interval),
        new("INTERVAL_NETWORK", "Agent:Intervals:Network", UnraidSettingKind.Interval),
        new("INTERVAL_DOCKER", "Agent:Intervals:Containers", UnraidSettingKind.Interval),
    ];

    /// <summary>The setting called <paramref name="name"/>, or <see langword="null"/> when the Host does not use it.</summary>
    public static UnraidSetting? Find(string name) => All.FirstOrDefault(setting => setting.Name == name);

    /// <summary>
    /// The configuration value for <paramref name="raw"/>, or <see langword="null"/> with <paramref name="expected"/>
    /// saying what the value should have been.
    /// </summary>
    public string? Normalize(string raw, out string expected)
    {
        var text = raw.Trim();
        switch (Kind)
        {
            case UnraidSettingKind.Port:
                expected = "a whole number from 1 to 65535";
                return WholeNumber(text, 1, 65_535);
            case UnraidSettingKind.Count:
                expected = $"a whole number from 1 to {MaxClients}";
                return WholeNumber(text, 1, MaxClients);
            case UnraidSettingKind.Interval:
                expected = $"a whole number of seconds from 0 (off) to {MaxIntervalSeconds}";
                return WholeNumber(text, 0, MaxIntervalSeconds);
            case UnraidSettingKind.Address:
                expected = "an IPv4 or IPv6 address, or empty for every interface";
                return text.Length == 0 || IPAddress.TryParse(text, out _) ? text : null;
            case UnraidSettingKind.Flag:
                expected = "true or false (yes/no, 1/0 are accepted)";
                return Flag(text);
            default:
                expected = "printable characters without spaces or quotes, or empty for no authentication";
                return text.All(c => c > ' ' && c < '\u007f' && c is not '"' and not '\'' and not '\\') ? text : null;
        }
    }

    /// <summary>The value as it may appear in an error message: a secret is never repeated.</summary>
    public string Display(string raw) => Kind == UnraidSettingKind.Secret ? "(hidden)" : $"'{raw}'";

    private static string? WholeNumber(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;

    private static string? Flag(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "1" or "ON" => "true",
        "FALSE" or "NO" or "0" or "OFF" or "" => "false",
        _ => null,
    };
}
