using System.Text.Json;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Bench.Load;

/// <summary>
/// One SignalR client on WebSockets (negotiation skipped), JSON or MessagePack. Payloads are bound to untyped values
/// (<see cref="JsonElement"/>, or MessagePack's primitive objects), so that the same client reads the agent's
/// snake_case payloads and the plain hub's default ones.
/// </summary>
internal sealed class HubLoadClient : IAsyncDisposable
{
    private static readonly MessagePackSerializerOptions s_messagePack =
        MessagePackSerializerOptions.Standard.WithResolver(StandardResolver.Instance).WithSecurity(MessagePackSecurity.UntrustedData);

    private readonly HubConnection _connection;

    private HubLoadClient(HubConnection connection)
    {
        _connection = connection;
    }

    public static async Task<HubLoadClient> ConnectAsync(Uri uri, bool messagePack, Recorder recorder, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder().WithUrl(uri, HttpTransportType.WebSockets, o => o.SkipNegotiation = true);
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = s_messagePack);
        }

        var client = new HubLoadClient(builder.Build());
        foreach (var method in new[] { "SystemUpdate", "DiskListUpdate" })
        {
            if (messagePack)
            {
                client._connection.On<object>(method, payload => Received(recorder, () => MessagePackTimestamp(payload)));
            }
            else
            {
                client._connection.On<JsonElement>(method, payload => Received(recorder, () => JsonTimestamp(payload)));
            }
        }

        await client._connection.StartAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private static void Received(Recorder recorder, Func<DateTimeOffset?> timestamp)
    {
        if (recorder.WantsLatency && timestamp() is { } publishedAt)
        {
            recorder.Latency(publishedAt);
        }

        recorder.Delivered();
    }

    private static DateTimeOffset? JsonTimestamp(JsonElement payload)
    {
        var item = payload.ValueKind == JsonValueKind.Array ? payload[0] : payload;
        return item.TryGetProperty("timestamp", out var value) || item.TryGetProperty("Timestamp", out value)
            ? value.GetDateTimeOffset()
            : null;
    }

    // The agent writes the timestamp as an RFC 3339 string; the plain hub's contractless default writes a
    // DateTimeOffset as [timestamp extension, offset minutes], which reads back as an array holding a DateTime.
    private static DateTimeOffset? MessagePackTimestamp(object payload)
    {
        var item = payload is object[] list ? list[0] : payload;
        if (item is not IDictionary<object, object> map)
        {
            return null;
        }

        var value = map.TryGetValue("timestamp", out var found) || map.TryGetValue("Timestamp", out found) ? found : null;
        return value switch
        {
            string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
            object[] { Length: > 0 } pair when pair[0] is DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            _ => null,
        };
    }
}
