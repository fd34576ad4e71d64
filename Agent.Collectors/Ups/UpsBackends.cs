namespace Agent.Collectors.Ups;

/// <summary>The values of <c>Agent:Ups:Backend</c> and of the payload's <c>backend</c>.</summary>
internal static class UpsBackends
{
    public const string Auto = "auto";
    public const string Apcupsd = "apcupsd";
    public const string Nut = "nut";
    public const string None = "none";
}
