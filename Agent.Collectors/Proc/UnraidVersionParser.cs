namespace Agent.Collectors.Proc;

/// <summary>
/// Parses <c>/etc/unraid-version</c>, one line in the shell form <c>version="6.12.4"</c>. A file holding only the
/// bare version is accepted too.
/// </summary>
internal static class UnraidVersionParser
{
    public static string Parse(ReadOnlySpan<char> text)
    {
        foreach (var line in text.EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            var equals = trimmed.IndexOf('=');
            if (equals >= 0 && !trimmed[..equals].Trim().Equals("version", StringComparison.Ordinal))
            {
                continue;
            }

            return trimmed[(equals + 1)..].Trim().Trim('"').Trim('\'').ToString();
        }

        return "";
    }
}
