using System.Net;
using System.Text.Json;
using Agent.Contracts.Topics;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Array;

public sealed class ArrayEndpointsTests
{
    [SharedFixturesFact]
    public async Task Array_FixtureFolder_ServesStatusWithWireTypes()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await AgentServer.StartAsync(folder.Settings());
        using var client = server.CreateClient();

        var array = await GetWhenReadyAsync(client, "api/v1/array");

        Assert.Equal("STARTED", array.GetProperty("state").GetString());
        Assert.Equal(5, array.GetProperty("num_disks").GetInt64());
        Assert.Equal(3, array.GetProperty("num_data_disks").GetInt64());
        Assert.Equal(1, array.GetProperty("num_parity_disks").GetInt64());
        Assert.Equal(JsonValueKind.False, array.GetProperty("parity_valid").ValueKind);
        Assert.Equal("", array.GetProperty("parity_check_status").GetString());
        Assert.True(array.GetProperty("total_bytes").GetInt64() > 0, "the user share folder's file system is measured");
        Assert.True(array.GetProperty("used_percent").GetDouble() is >= 0 and <= 100);
        Assert.Equal(JsonValueKind.String, array.GetProperty("timestamp").ValueKind);
    }

    [SharedFixturesFact]
    public async Task Disks_FixtureFolder_ListsSlotsAndServesOneById()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await AgentServer.StartAsync(folder.Settings());
        using var client = server.CreateClient();

        var disks = await GetWhenReadyAsync(client, "api/v1/disks");
        var disk1 = await GetWhenReadyAsync(client, "api/v1/disks/disk1");

        Assert.Equal(7, disks.GetArrayLength());
        Assert.Equal("disk1", disk1.GetProperty("id").GetString());
        Assert.Equal(17578328012L * 1024, disk1.GetProperty("size_bytes").GetInt64());
        Assert.Equal("active", disk1.GetProperty("spin_state").GetString());
        Assert.Equal(50, disk1.GetProperty("temp_warning_celsius").GetDouble());
        Assert.False(disks[0].TryGetProperty("temp_warning_celsius", out _), "an unset threshold is omitted");
    }

    [SharedFixturesFact]
    public async Task Disk_UnknownId_Answers404WithJsonError()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await AgentServer.StartAsync(folder.Settings());
        using var client = server.CreateClient();
        await GetWhenReadyAsync(client, "api/v1/disks");

        using var response = await client.GetAsync(new Uri("api/v1/disks/disk99", UriKind.Relative)).WithTimeout();
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("disk99", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [SharedFixturesFact]
    public async Task Shares_FixtureFolder_ListsShares()
    {
        using var folder = new EmhttpFixtureFolder();
        await using var server = await AgentServer.StartAsync(folder.Settings());
        using var client = server.CreateClient();

        var shares = await GetWhenReadyAsync(client, "api/v1/shares");

        Assert.Equal(4, shares.GetArrayLength());
        Assert.Equal("appdata", shares[0].GetProperty("name").GetString());
        Assert.Equal(32831348L * 1024, shares[0].GetProperty("used_bytes").GetInt64());
        Assert.Equal(Path.Combine(folder.UserShares, "appdata"), shares[0].GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.False, shares[0].GetProperty("smb_export").ValueKind);
    }

    [Fact]
    public async Task Array_NoEmhttpFolder_Answers404AndLogsAbsenceOnce()
    {
        using var folder = new EmhttpFixtureFolder(populate: false);
        await using var server = await AgentServer.StartAsync(folder.Settings(intervalSeconds: 1));
        using var client = server.CreateClient();
        var health = server.Services.GetHealth(TopicCatalog.Groups.Array);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(health.IsUnavailable), because: "the array source reports absence");

        using var array = await client.GetAsync(new Uri("api/v1/array", UriKind.Relative)).WithTimeout();
        using var disk = await client.GetAsync(new Uri("api/v1/disks/disk1", UriKind.Relative)).WithTimeout();

        Assert.Equal(HttpStatusCode.NotFound, array.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disk.StatusCode);
        Assert.Null(server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate));
        Assert.Single(server.Logs.WithId(2002), r => r.Message.Contains("array", StringComparison.Ordinal));
    }

    [SharedFixturesFact]
    public async Task Array_FolderAppearsLater_CollectionStartsByItself()
    {
        using var folder = new EmhttpFixtureFolder(populate: false);
        await using var server = await AgentServer.StartAsync(folder.Settings(intervalSeconds: 1));
        var health = server.Services.GetHealth(TopicCatalog.Groups.Array);
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(health.IsUnavailable), because: "the array source reports absence");

        folder.Populate();

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate) is not null),
            because: "the collector finds the folder at its next interval");
        Assert.Equal("healthy", health.State);
    }

    [SharedFixturesFact]
    public async Task Health_OneFileMissing_StaysDegradedWithoutFlipping()
    {
        using var folder = new EmhttpFixtureFolder();
        File.Delete(Path.Combine(folder.Emhttp, "shares.ini"));
        await using var server = await AgentServer.StartAsync(folder.Settings(intervalSeconds: 1));
        var recorder = new PublicationRecorder(TopicCatalog.ArrayStatusUpdate);
        server.Topics.Subscribe(recorder);
        var health = server.Services.GetHealth(TopicCatalog.Groups.Array);

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(recorder.Seen.Count >= 3),
            because: "the array collector keeps publishing every second");

        Assert.Equal("degraded", health.State);
        Assert.Contains("shares.ini", health.Snapshot().Reason, StringComparison.Ordinal);
        Assert.Empty(server.Logs.WithId(2001));
        Assert.Null(server.Topics.GetLatest(TopicCatalog.ShareListUpdate));
    }

    private static async Task<JsonElement> GetWhenReadyAsync(HttpClient client, string path)
    {
        JsonElement result = default;
        await TaskTimeoutExtensions.EventuallyAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                result = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false)).RootElement.Clone();
                return true;
            },
            because: $"{path} answers 200").ConfigureAwait(false);
        return result;
    }
}
