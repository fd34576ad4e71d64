namespace Agent.LoadTest;

/// <summary>Recognises the agent's refusal by the connection cap in the text a client gets.</summary>
internal static class CapRefusal
{
    public const string Marker = "maximum connections reached";

    public static bool IsCap(string text) => text.Contains(Marker, StringComparison.Ordinal);

    /// <summary>The part of <paramref name="text"/> from the cap's own words on, or all of it when they are absent.</summary>
    public static string Reason(string text)
    {
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        return at < 0 ? text : text[at..].TrimEnd('.', ' ');
    }
}
