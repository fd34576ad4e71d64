using Agent.Collectors.UnraidIni;
using Agent.Contracts.Dtos.Array;
using Agent.Tests.Support;

namespace Agent.Tests.Collectors.UnraidIni;

public sealed class ShareListMapperTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(10));

    [SharedFixturesFact]
    public void Map_SharedFixture_SizesFromKiBAndCacheUse()
    {
        var shares = MapShared(withExports: false);

        Assert.Equal(["appdata", "domains", "isos", "system"], shares.Select(s => s.Name));
        var appdata = shares[0];
        Assert.Equal(32831348L * 1024, appdata.UsedBytes);
        Assert.Equal(9091184L * 1024, appdata.FreeBytes);
        Assert.Equal((32831348L + 9091184L) * 1024, appdata.TotalBytes);
        Assert.Equal(78.3, appdata.UsagePercent);
        Assert.Equal("/mnt/user/appdata", appdata.Path);
        Assert.Equal(["array", "cache+array", "cache+array", "cache+array"], shares.Select(s => s.Storage));
        Assert.Equal(["no", "prefer", "yes", "prefer"], shares.Select(s => s.UseCache));
        Assert.Equal(["", "cache", "cache", "cache"], shares.Select(s => s.CachePool));
        Assert.Equal("saved VM instances", shares[1].Comment);
        Assert.All(shares, s => Assert.False(s.SmbExport || s.NfsExport));
    }

    [SharedFixturesFact]
    public void Map_WithSecurityFiles_ExportFlagsPerShare()
    {
        var shares = MapShared(withExports: true);

        Assert.Equal([false, true, true, false], shares.Select(s => s.SmbExport));
        Assert.Equal([false, false, true, false], shares.Select(s => s.NfsExport));
    }

    [Theory]
    [InlineData("only", "cache")]
    [InlineData("no", "array")]
    [InlineData("yes", "cache+array")]
    [InlineData("prefer", "cache+array")]
    [InlineData("", "unknown")]
    public void Map_UseCache_GivesStorage(string useCache, string storage)
    {
        var text = $"[\"s\"]\nname=\"s\"\nuseCache=\"{useCache}\"\ncachePool=\"fast\"\nfree=\"0\"\nused=\"0\"";

        var share = Assert.Single(ShareListMapper.Map(EmhttpIniParser.Parse(text), null, null, "/mnt/user", s_now));

        Assert.Equal(storage, share.Storage);
        Assert.Equal(0, share.UsagePercent);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("[\"a\"]\nname=\"a\"\nused=\"1\"", true)]
    [InlineData("[\"a\"]\nname=\"a\"\nused=\"1\"\n[\"b\"]\nname=\"b\"", false)]
    [InlineData("[\"a\"]\nname=\"a\"\nused=\"1", false)]
    public void IsComplete_LastShare_Decides(string text, bool expected)
    {
        Assert.Equal(expected, ShareListMapper.IsComplete(EmhttpIniParser.Parse(text)));
    }

    private static IReadOnlyList<ShareStatus> MapShared(bool withExports) => ShareListMapper.Map(
        EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Shared("emhttp", "shares.ini"))),
        withExports ? Owned("sec.ini") : null,
        withExports ? Owned("sec_nfs.ini") : null,
        "/mnt/user",
        s_now);

    private static IniDocument Owned(string file) => EmhttpIniParser.Parse(File.ReadAllText(TestPaths.Owned("UnraidIni", file)));
}
