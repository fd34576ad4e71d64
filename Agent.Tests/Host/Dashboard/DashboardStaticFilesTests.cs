using System.Net;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Dashboard;

public sealed class DashboardStaticFilesTests
{
    [Theory]
    [InlineData("", "text/html")]
    [InlineData("js/main.js", "text/javascript")]
    [InlineData("css/dashboard.css", "text/css")]
    [InlineData("lib/signalr/signalr.min.js", "text/javascript")]
    [InlineData("lib/signalr/signalr-protocol-msgpack.min.js", "text/javascript")]
    [InlineData("lib/uplot/uPlot.esm.js", "text/javascript")]
    public async Task Dashboard_RealKestrel_ServesPageAndBuiltLibraries(string path, string mediaType)
    {
        await using var server = await AgentServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).WithTimeout();

        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"GET /{path} answered {(int)response.StatusCode}; build/dashboard.sh builds wwwroot/lib/.");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
