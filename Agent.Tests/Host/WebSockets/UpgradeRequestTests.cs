using System.Text;
using Agent.Host.WebSockets;

namespace Agent.Tests.Host.WebSockets;

/// <summary>
/// The first-request reader of the raw socket and the hub: only a plain, valid upgrade is taken below HTTP; every other
/// form is left for the HTTP server, which has the rules and the answers for it.
/// </summary>
public sealed class UpgradeRequestTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    [Fact]
    public void TryParse_ClientUpgrade_ReadsHandshakeAndLength()
    {
        var extra = "Origin: http://tower.local:8043\r\nAuthorization: Bearer t\r\n";
        var text = Request("/api/v1/ws?snapshot=false&access_token=abc", extra);

        var parse = UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(text + "\x81\x85"), out var request, out var length);

        Assert.Equal(UpgradeParse.Parsed, parse);
        Assert.Equal(text.Length, length);
        Assert.Equal("?snapshot=false&access_token=abc", request!.Query);
        Assert.Equal("127.0.0.1:8043", request.Host);
        Assert.Equal(Key, request.Key);
        Assert.Equal("http://tower.local:8043", request.Origin);
        Assert.Equal("Bearer t", request.Authorization);
    }

    [Theory]
    [InlineData("/api/v1/ws", false, "")]
    [InlineData("/hubs/agent", true, "")]
    [InlineData("/hubs/agent?groups=system,ups", true, "?groups=system,ups")]
    public void TryParse_EitherRoute_NamesIt(string target, bool hub, string query)
    {
        var parse = UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(Request(target, "")), out var request, out _);

        Assert.Equal(UpgradeParse.Parsed, parse);
        Assert.Equal((hub ? UpgradeRoute.Hub : UpgradeRoute.RawSocket, query), (request!.Route, request.Query));
    }

    [Theory]
    [InlineData("/hubs/agent/negotiate")]
    [InlineData("/hubs/agents")]
    [InlineData("/hubs/Agent")]
    [InlineData("/api/v1/ws/")]
    public void TryParse_AnotherPathThatStartsAlike_IsNotTaken(string target)
    {
        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(Request(target, "")), out _, out _));
    }

    [Fact]
    public void TryParse_HeaderNamesInAnyCaseAndTokenLists_Parses()
    {
        var text = "GET /api/v1/ws HTTP/1.1\r\nhost: [::1]:8043\r\nUPGRADE: WebSocket\r\nconnection: keep-alive, Upgrade\r\n"
            + $"sec-websocket-version:13\r\nsec-websocket-key:   {Key}  \r\nUser-Agent: test\r\nContent-Length: 0\r\n\r\n";

        var parse = UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(text), out var request, out _);

        Assert.Equal(UpgradeParse.Parsed, parse);
        Assert.Equal(string.Empty, request!.Query);
        Assert.Equal("[::1]:8043", request.Host);
        Assert.Null(request.Origin);
    }

    [Theory]
    [InlineData("G")]
    [InlineData("GET /api/v1/ws")]
    [InlineData("GET /api/v1/ws HTTP/1.1\r\nHost: a\r\n")]
    public void TryParse_StartOfUpgrade_IsIncomplete(string start)
    {
        Assert.Equal(UpgradeParse.Incomplete, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(start), out _, out _));
        Assert.True(UpgradeRequest.CanStart(Encoding.ASCII.GetBytes(start)));
    }

    [Theory]
    [InlineData("POST /api/v1/ws")]
    [InlineData("GET /api/v1/health")]
    [InlineData("PRI * HTTP/2.0")]
    [InlineData("\x16\x03\x01")]
    public void TryParse_OtherRequestStart_IsNotTakenAtOnce(string start)
    {
        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.Latin1.GetBytes(start), out _, out _));
    }

    [Theory]
    [InlineData("/api/v1/ws/more", "")]
    [InlineData("/API/V1/WS", "")]
    [InlineData("/api/v1/wss", "")]
    [InlineData("/api/v1/ws?a=%zz#frag", "")]
    [InlineData("/api/v1/ws", "Content-Length: 5\r\n")]
    [InlineData("/api/v1/ws", "Transfer-Encoding: chunked\r\n")]
    [InlineData("/api/v1/ws", "Host: second.example\r\n")]
    [InlineData("/api/v1/ws", "X-Folded: a\r\n b\r\n")]
    [InlineData("/api/v1/ws", "X-Latin: caf\u00e9\r\n")]
    [InlineData("/api/v1/ws", "X-Control: a\u0001b\r\n")]
    [InlineData("/api/v1/ws", "Bad Name: x\r\n")]
    [InlineData("/api/v1/ws", ": no name\r\n")]
    [InlineData("/api/v1/ws", "Origin: http://a\r\nOrigin: http://b\r\n")]
    [InlineData("/api/v1/ws", "Content-Length: 0\r\nContent-Length: 0\r\n")]
    public void TryParse_UnusualForm_IsLeftToHttp(string path, string extraHeaders)
    {
        var bytes = Encoding.Latin1.GetBytes(Request(path, extraHeaders));

        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(bytes, out var request, out _));
        Assert.Null(request);
    }

    [Theory]
    [InlineData("a:b:c")]
    [InlineData("[")]
    [InlineData("[::1")]
    [InlineData("[]:8043")]
    [InlineData("[::1]x")]
    [InlineData("127.0.0.1:")]
    [InlineData(":8043")]
    [InlineData("127.0.0.1:abc")]
    [InlineData("127.0.0.1:123456")]
    [InlineData("tower local")]
    public void TryParse_MalformedHost_IsLeftToHttp(string host)
    {
        var text = Request("/api/v1/ws", "").Replace("Host: 127.0.0.1:8043", "Host: " + host, StringComparison.Ordinal);

        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    [Theory]
    [InlineData("tower.local")]
    [InlineData("tower.local:8043")]
    [InlineData("192.168.1.20:8043")]
    [InlineData("[::1]")]
    [InlineData("[fe80::1:2]:8043")]
    public void TryParse_WellFormedHost_Parses(string host)
    {
        var text = Request("/api/v1/ws", "").Replace("Host: 127.0.0.1:8043", "Host: " + host, StringComparison.Ordinal);

        Assert.Equal(UpgradeParse.Parsed, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(text), out var request, out _));
        Assert.Equal(host, request!.Host);
    }

    [Fact]
    public void TryParse_OverKestrelCounts_IsLeftToHttp()
    {
        var manyHeaders = Request("/api/v1/ws", string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: 1\r\n")));
        var longLine = Request("/api/v1/ws?pad=" + new string('a', 9000), "");

        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(manyHeaders), out _, out _));
        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(longLine), out _, out _));
        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(longLine[..8500]), out _, out _));
    }

    [Theory]
    [InlineData("HTTP/1.0", "", "", "\r\n")]
    [InlineData("HTTP/1.1", "Host", "", "\r\n")]
    [InlineData("HTTP/1.1", "Upgrade", "", "\r\n")]
    [InlineData("HTTP/1.1", "Connection", "Connection: keep-alive", "\r\n")]
    [InlineData("HTTP/1.1", "Sec-WebSocket-Version", "Sec-WebSocket-Version: 8", "\r\n")]
    [InlineData("HTTP/1.1", "Sec-WebSocket-Key", "Sec-WebSocket-Key: c2hvcnQ=", "\r\n")]
    [InlineData("HTTP/1.1", "Sec-WebSocket-Key", "", "\r\n")]
    [InlineData("HTTP/1.1", "", "", "\n")]
    public void TryParse_InvalidHandshake_IsLeftToHttp(string version, string without, string instead, string lineEnd)
    {
        var lines = new List<string> { $"GET /api/v1/ws {version}" };
        lines.AddRange(HandshakeHeaders().Where(h => without.Length == 0 || !h.StartsWith(without + ":", StringComparison.Ordinal)));
        lines.AddRange(instead.Length > 0 ? [instead] : []);

        var text = string.Join(lineEnd, lines) + lineEnd + lineEnd;

        Assert.Equal(UpgradeParse.NotTaken, UpgradeRequest.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    private static string[] HandshakeHeaders() =>
        ["Host: 127.0.0.1:8043", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13", $"Sec-WebSocket-Key: {Key}"];

    private static string Request(string path, string extraHeaders) =>
        $"GET {path} HTTP/1.1\r\n{string.Join("\r\n", HandshakeHeaders())}\r\n{extraHeaders}\r\n";
}
