using System.Text;

namespace Agent.Collectors.Ups;

/// <summary>
/// Splits one line of NUT's network protocol into words: words are separated by spaces, a word with spaces is in
/// double quotes, and inside quotes <c>\"</c> is a quote and <c>\\</c> a backslash (NUT <c>docs/net-protocol.txt</c>).
/// </summary>
internal static class NutWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inQuotes = false;
        var hasWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                hasWord = true;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                hasWord = true;
            }
            else if (c == ' ' && !inQuotes)
            {
                Flush(words, word, ref hasWord);
            }
            else
            {
                word.Append(c);
                hasWord = true;
            }
        }

        Flush(words, word, ref hasWord);
        return words;
    }

    /// <summary>Quotes <paramref name="value"/> for a command line, escaping quotes and backslashes.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static void Flush(List<string> words, StringBuilder word, ref bool hasWord)
    {
        if (hasWord)
        {
            words.Add(word.ToString());
        }

        word.Clear();
        hasWord = false;
    }
}
