using Agent.Collectors.UnraidIni;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.UnraidIni;

public sealed class EmhttpIniParserTests
{
    [Theory]
    [InlineData("k=\"v w\"", "v w")]
    [InlineData("k=v", "v")]
    [InlineData("k=\"\"", "")]
    [InlineData("k=\"1\"\nk=\"2\"", "2")]
    [InlineData("k=\"a\"\r\n", "a")]
    [InlineData("k = \"spaced\" ", "spaced")]
    [InlineData("k=\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("k=\"C:\\dir\"", "C:\\dir")]
    [InlineData("k=\"a \"quoted\" word\"", "a \"quoted\" word")]
    [InlineData("k=\"v\" ; note", "v")]
    [InlineData("k='single'", "single")]
    [InlineData("\uFEFFk=\"bom\"", "bom")]
    [InlineData("; comment\n# other\n\nk=\"after\"", "after")]
    [InlineData("junk line\nk=\"kept\"", "kept")]
    [InlineData("k=\"😀 ünï\"", "😀 ünï")]
    public void Parse_ValueForms_ReadAsPhpDoes(string text, string expected)
    {
        var document = EmhttpIniParser.Parse(text);

        Assert.Equal(expected, document.Global.GetString("k", fallback: "<absent>"));
        Assert.False(document.IsTruncated);
    }

    [Theory]
    [InlineData("[\"disk1\"]\nk=\"1\"", "disk1")]
    [InlineData("[eth0]\nk=\"1\"", "eth0")]
    [InlineData("['pool']\nk=\"1\"", "pool")]
    [InlineData("[\"my.share 📁\"]\r\nk=\"1\"\r\n", "my.share 📁")]
    public void Parse_SectionHeaders_StripBracketsAndQuotes(string text, string expected)
    {
        var document = EmhttpIniParser.Parse(text);

        Assert.Equal(1, document.SectionCount);
        Assert.Equal(expected, document.SectionAt(0).Name);
        Assert.Equal("1", document.SectionAt(0).GetString("k"));
    }

    [Theory]
    [InlineData("a=\"1\"\nk=\"trunc")]
    [InlineData("a=\"1\"\nmdNumDi")]
    [InlineData("a=\"1\"\n[\"disk")]
    [InlineData("a=\"1\"\nk=\"")]
    public void Parse_CutLastLine_IsTruncatedAndDropsIt(string text)
    {
        var document = EmhttpIniParser.Parse(text);

        Assert.True(document.IsTruncated);
        Assert.Equal("1", document.Global.GetString("a"));
        Assert.False(document.Global.Has("k"));
    }

    [Fact]
    public void Parse_LastLineWithoutNewline_IsWhole()
    {
        var document = EmhttpIniParser.Parse("[\"flash\"]\nk=\"1\"\ncritical=\"\"");

        Assert.False(document.IsTruncated);
        Assert.True(document.SectionAt(0).Has("critical"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("=\"no key\"")]
    [InlineData("[]")]
    [InlineData("\0\0\0")]
    public void Parse_Degenerate_NeverThrows(string text)
    {
        var document = EmhttpIniParser.Parse(text);

        Assert.False(document.Global.Has("k"));
    }

    [Fact]
    public void Parse_KeysBeforeFirstHeader_AreGlobalAndSectionsKeepTheirOwn()
    {
        var document = EmhttpIniParser.Parse("top=\"t\"\n[\"a\"]\nk=\"1\"\n[\"b\"]\nk=\"2\"\nk=\"3\"");

        Assert.Equal("t", document.Global.GetString("top"));
        Assert.Equal(1, document.Global.Count);
        Assert.Equal("1", document.FindSection("a")?.GetString("k"));
        Assert.Equal("3", document.FindSection("b")?.GetString("k"));
        Assert.Null(document.FindSection("c"));
    }

    [Theory]
    [InlineData("n=\"42\"", 42L)]
    [InlineData("n=\"-4\"", -4L)]
    [InlineData("n=\"*\"", null)]
    [InlineData("n=\"\"", null)]
    [InlineData("n=\"9223372036854775807\"", long.MaxValue)]
    [InlineData("n=\"9223372036854775808\"", null)]
    [InlineData("other=\"1\"", null)]
    public void GetInt64_Values_ParseOrNull(string text, long? expected)
    {
        var document = EmhttpIniParser.Parse(text);

        Assert.Equal(expected, document.Global.GetInt64("n"));
    }

    [SharedFixturesTheory]
    [InlineData("var.ini.unraid-7.3.1-started-degraded", 0, 154)]
    [InlineData("var.ini.unraid-6.11.2-stopped", 0, 145)]
    [InlineData("disks.ini.unraid-6.11-array-with-pool", 27, 0)]
    [InlineData("shares.ini", 4, 0)]
    [InlineData("network.ini.bond-bridge", 1, 0)]
    [InlineData("devs.ini.empty", 0, 0)]
    public void Parse_SharedFixtures_AreWholeWithTheirSections(string file, int sections, int globalKeys)
    {
        var document = EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Shared("emhttp", file)));

        Assert.False(document.IsTruncated);
        Assert.Equal(sections, document.SectionCount);
        Assert.Equal(globalKeys, document.Global.Count);
    }
}
