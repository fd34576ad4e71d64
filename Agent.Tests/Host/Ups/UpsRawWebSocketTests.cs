using System.Diagnostics;
using System.Text.Json;
using Agent.Tests.Collectors.Ups;
using Agent.Tests.Support;

namespace Agent.Tests.Host.Ups;

[Collection(UpsDaemonsCollection.Name)]
public sealed class UpsRawWebSocketTests(NutDaemonFixture nut)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);

    [UpsDaemonFact]
    public async Task RawSocket_LiveUpsrwChange_ReachesTheClientWithinOneInterval()
    {
        await using var server = await UpsHostHelpers.StartAsync(
            "nut",
            nut: nut.Address,
            more: [("Agent:Ups:NutUps", NutDaemonFixture.LiveUps), ("Agent:Intervals:Ups", "2")]);
        await using var socket = await RawSocket.ConnectAsync(server, "?snapshot=false");
        await socket.SendTextAsync("""{"subscribe":["ups_status_update"]}""");
        await ReceiveStatusAsync(socket, "OL");

        await nut.SetAsync(NutDaemonFixture.LiveUps, "ups.status", "OB LB");
        var changed = Stopwatch.StartNew();
        var frame = await ReceiveStatusAsync(socket, "OB LB");
        changed.Stop();
        await nut.SetAsync(NutDaemonFixture.LiveUps, "ups.status", "OL");

        // One interval, plus the poll's own duration and scheduling on a busy two-core machine.
        Assert.True(changed.Elapsed < s_interval + TimeSpan.FromSeconds(1), $"took {changed.Elapsed}");
        var data = frame.GetProperty("data");
        Assert.Equal(NutDaemonFixture.LiveUps, data.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, data.GetProperty("battery_charge_percent").ValueKind);
        Assert.Equal(JsonValueKind.String, frame.GetProperty("timestamp").ValueKind);
    }

    private static async Task<JsonElement> ReceiveStatusAsync(RawSocket socket, string status)
    {
        while (true)
        {
            var frame = await socket.ReceiveEventAsync("ups_status_update");
            if (frame.GetProperty("data").GetProperty("status").GetString() == status)
            {
                return frame;
            }
        }
    }
}
