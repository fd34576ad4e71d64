using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Agent.Collectors.Hosting;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Agent.Tests.Host.Dashboard;

public sealed class DashboardTests(ITestOutputHelper output)
{
    private const string Page = "page";
    private static readonly TimeSpan s_changeBound = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_connectBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Dashboard_InjectedPublications_EveryTileShowsValues()
    {
        await using var server = await AgentServer.StartAsync();
        PublishAll(server);
        server.Services.GetRequiredService<SourceHealthRegistry>().Get(TopicCatalog.Groups.Gpu).ReportUnavailable("no GPU found");
        await using var browser = await BrowserDriver.StartAsync();

        await browser.OpenAsync(Page, server.BaseAddress, 1280, 900);
        await browser.WaitForTextAsync(Page, "#conn", s_connectBound, "Live", "JSON");

        await ExpectAsync(browser, "#tile-system", "Tower", "6.11.2", "5.19.17-Unraid", "186d 0h", "23.5 %", "0.21 / 0.37 / 0.39",
            "i7-8650U", "4 cores, 8 threads", "37.5 % \u00b7 6.0 GiB of 16.0 GiB", "Package id 0: 48 \u00b0C", "fan1: 1180 rpm");
        await ExpectAsync(browser, "#tile-array", "STARTED", "4 (3 data, 1 parity)", "valid", "running 42.5 %",
            "25.0 % \u00b7 10.0 TiB of 40.0 TiB");
        await ExpectAsync(browser, "#tile-disks tr[data-row='parity']", "sdh", "DISK_OK", "25 \u00b0C", "16.4 TiB");
        await ExpectAsync(browser, "#tile-disks tr[data-row='disk2'] [data-k='temperature_celsius']", "spun down");
        await ExpectAsync(browser, "#tile-shares tr[data-row='appdata']", "cache", "25 %", "125 GiB of 500 GiB", "SMB");
        await ExpectAsync(browser, "#tile-ups", "on line power (OL)", "100 %", "3h 37m", "12 W of 600 W", "120.0 V / 120.0 V",
            "13.8 V", "Back-UPS XS 1000M", "via nut");
        await ExpectAsync(browser, "#tile-gpu", "source unavailable", "no GPU found");
        await ExpectAsync(browser, "#tile-network tr[data-row='eth0']", "up", "1 Gbit/s", "192.0.2.150", "122 KiB/s", "39.1 KiB/s");
        await ExpectAsync(browser, "#tile-containers tr[data-row='watchtower']", "running", "0.4 %", "8.6 MiB", "stop", "restart", "pause");
        await ExpectAsync(browser, "#tile-containers tr[data-row='gluetun']", "exited", "start");
        Assert.Empty(await PageExceptionsAsync(browser));
    }

    [Fact]
    public async Task Dashboard_ChangedUpsValue_AppearsWithinTwoSeconds()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, DashboardSamples.Ups());
        await using var browser = await BrowserDriver.StartAsync();
        await browser.OpenAsync(Page, server.BaseAddress, 1280, 900);
        await browser.WaitForTextAsync(Page, "#tile-ups", s_connectBound, "on line power (OL)", "100 %");

        var clock = Stopwatch.StartNew();
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, DashboardSamples.Ups("OB DISCHRG", 87));
        await browser.WaitForTextAsync(Page, "#tile-ups", s_changeBound, "on battery (OB DISCHRG)", "87 %");
        clock.Stop();

        output.WriteLine($"A changed UPS value appeared on the page {clock.ElapsedMilliseconds} ms after its publication.");
        Assert.True(clock.Elapsed < s_changeBound, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Dashboard_MessagePackProtocol_ShowsSameValues()
    {
        await using var server = await AgentServer.StartAsync();
        PublishAll(server);
        await using var browser = await BrowserDriver.StartAsync();

        await browser.OpenAsync(Page, server.Http("?protocol=msgpack"), 1280, 900);

        await browser.WaitForTextAsync(Page, "#conn", s_connectBound, "Live", "MessagePack");
        await ExpectAsync(browser, "#tile-system", "Tower", "23.5 %", "0.21 / 0.37 / 0.39", "186d 0h");
        await ExpectAsync(browser, "#tile-disks tr[data-row='disk2'] [data-k='temperature_celsius']", "spun down");
        await ExpectAsync(browser, "#tile-network tr[data-row='eth0']", "122 KiB/s");
    }

    [Fact]
    public async Task Dashboard_ConnectionCapFull_ShowsRefusalAndConnectsWhenSlotFrees()
    {
        await using var server = await AgentServer.StartAsync(new Dictionary<string, string?> { ["Agent:MaxClients"] = "1" });
        server.Topics.Publish(TopicCatalog.SystemUpdate, DashboardSamples.System());
        var occupant = await RawSocket.ConnectAsync(server);
        await using var browser = await BrowserDriver.StartAsync();

        await browser.OpenAsync(Page, server.BaseAddress, 1280, 900);
        await browser.WaitForTextAsync(Page, "#banner", s_connectBound, "maximum connections reached", "max_clients=1", "Trying again");
        await browser.WaitForTextAsync(Page, "#conn", s_changeBound, "Refused");
        await occupant.DisposeAsync();

        await browser.WaitForTextAsync(Page, "#conn", s_connectBound, "Live");
        await ExpectAsync(browser, "#tile-system", "Tower");
    }

    [Fact]
    public async Task Dashboard_AgentRestart_ReconnectsAndResubscribes()
    {
        var port = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?> { ["Agent:Port"] = port };
        var first = await AgentServer.StartAsync(settings);
        first.Topics.Publish(TopicCatalog.SystemUpdate, DashboardSamples.System("Tower"));
        await using var browser = await BrowserDriver.StartAsync();
        await browser.OpenAsync(Page, first.BaseAddress, 1280, 900);
        await browser.WaitForTextAsync(Page, "#tile-system", s_connectBound, "Tower");

        await first.DisposeAsync();
        await browser.WaitForTextAsync(Page, "#banner", s_connectBound, "Reconnecting in");
        await using var second = await AgentServer.StartAsync(settings);
        second.Topics.Publish(TopicCatalog.SystemUpdate, DashboardSamples.System("Tower-after-restart"));

        await browser.WaitForTextAsync(Page, "#conn", s_connectBound, "Live");
        await ExpectAsync(browser, "#tile-system", "Tower-after-restart");
        second.Topics.Publish(TopicCatalog.UpsStatusUpdate, DashboardSamples.Ups("OL CHRG", 64));
        await browser.WaitForTextAsync(Page, "#tile-ups", s_changeBound, "OL CHRG", "64 %");
    }

    [Fact]
    public async Task Dashboard_ContainerHeaderClicked_SortsByThatColumn()
    {
        await using var server = await AgentServer.StartAsync();
        server.Topics.Publish(TopicCatalog.ContainerListUpdate, DashboardSamples.Containers());
        await using var browser = await BrowserDriver.StartAsync();
        await browser.OpenAsync(Page, server.BaseAddress, 1280, 900);
        await browser.WaitForTextAsync(Page, "#tile-containers tbody tr", s_connectBound, "gluetun");

        await browser.ClickAsync(Page, "#tile-containers button[data-sort='cpu_percent']");
        await browser.ClickAsync(Page, "#tile-containers button[data-sort='cpu_percent']");

        await browser.WaitForTextAsync(Page, "#tile-containers tbody tr", s_changeBound, "watchtower");
        const string sortedColumn = "document.querySelector(\"#tile-containers th[aria-sort='descending'] button\").dataset.sort"
            + " === 'cpu_percent' ? 'descending' : 'other'";
        Assert.Equal("descending", (await browser.EvaluateAsync(Page, sortedColumn)).GetString());
    }

    [Fact]
    public async Task Dashboard_DesktopAndPhone_LightAndDark_SavesScreenshots()
    {
        await using var server = await AgentServer.StartAsync();
        PublishAll(server);
        server.Services.GetRequiredService<SourceHealthRegistry>().Get(TopicCatalog.Groups.Gpu).ReportUnavailable("no GPU found");
        await using var browser = await BrowserDriver.StartAsync();
        var folder = Path.Combine(TestPaths.RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);

        foreach (var (name, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
        {
            foreach (var scheme in new[] { "light", "dark" })
            {
                var id = $"{name}-{scheme}";
                var path = Path.Combine(folder, $"dashboard-{id}.png");
                await browser.OpenAsync(id, server.BaseAddress, width, height, scheme);
                await browser.WaitForTextAsync(id, "#tile-containers", s_connectBound, "watchtower");
                await browser.ScreenshotAsync(id, path);
                await browser.CloseAsync(id);
                output.WriteLine($"Screenshot: {path}");
                Assert.True(new FileInfo(path).Length > 10_000, $"{path} is almost empty");
            }
        }
    }

    private static void PublishAll(AgentServer server)
    {
        server.Topics.Publish(TopicCatalog.SystemUpdate, DashboardSamples.System());
        server.Topics.Publish(TopicCatalog.ArrayStatusUpdate, DashboardSamples.Array());
        server.Topics.Publish(TopicCatalog.DiskListUpdate, DashboardSamples.Disks());
        server.Topics.Publish(TopicCatalog.ShareListUpdate, DashboardSamples.Shares());
        server.Topics.Publish(TopicCatalog.UpsStatusUpdate, DashboardSamples.Ups());
        server.Topics.Publish(TopicCatalog.NetworkListUpdate, DashboardSamples.Network());
        server.Topics.Publish(TopicCatalog.ContainerListUpdate, DashboardSamples.Containers());
    }

    private static Task ExpectAsync(BrowserDriver browser, string selector, params string[] texts) =>
        browser.WaitForTextAsync(Page, selector, s_connectBound, texts);

    // Resource errors (the 404 of a probed absent source) are expected; an uncaught exception is not.
    private static async Task<IReadOnlyList<string>> PageExceptionsAsync(BrowserDriver browser) =>
        [.. (await browser.ErrorsAsync(Page)).Where(e => !e.Contains("Failed to load resource", StringComparison.Ordinal))];

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
