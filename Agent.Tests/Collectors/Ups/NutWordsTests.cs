using Agent.Collectors.Ups;

namespace Agent.Tests.Collectors.Ups;

public sealed class NutWordsTests
{
    [Theory]
    [InlineData("VAR su700 ups.status \"OL\"", new[] { "VAR", "su700", "ups.status", "OL" })]
    [InlineData("VAR su700 ups.mfr \"American Power Conversion\"", new[] { "VAR", "su700", "ups.mfr", "American Power Conversion" })]
    [InlineData("VAR u x \"a \\\"quoted\\\" \\\\ word\"", new[] { "VAR", "u", "x", "a \"quoted\" \\ word" })]
    [InlineData("VAR u x \"\"", new[] { "VAR", "u", "x", "" })]
    [InlineData("ERR UNKNOWN-UPS", new[] { "ERR", "UNKNOWN-UPS" })]
    [InlineData("  BEGIN   LIST  UPS ", new[] { "BEGIN", "LIST", "UPS" })]
    [InlineData("VAR u x \"cut off", new[] { "VAR", "u", "x", "cut off" })]
    public void Split_ProtocolLine_GivesWords(string line, string[] expected)
    {
        var words = NutWords.Split(line);

        Assert.Equal(expected, words);
    }

    [Fact]
    public void Quote_ValueWithQuoteAndBackslash_RoundTrips()
    {
        var quoted = NutWords.Quote("pa\"ss\\word");

        Assert.Equal(["pa\"ss\\word"], NutWords.Split(quoted));
    }
}
