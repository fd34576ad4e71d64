using Agent.Contracts.Serialization;
using Agent.Host.Hubs;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.Tests.Support;

/// <summary>Real .NET SignalR clients for the hub of an <see cref="AgentServer"/>.</summary>
public static class HubClients
{
    /// <summary>A hub connection (not started) over WebSockets with the JSON or the MessagePack protocol.</summary>
    /// <param name="server">The server.</param>
    /// <param name="messagePack">Whether the connection speaks MessagePack rather than JSON.</param>
    /// <param name="query">A query for the hub's URL, <c>?</c> included.</param>
    /// <param name="token">An access token to present.</param>
    /// <param name="negotiate">
    /// Whether the client negotiates first: its socket then goes through SignalR's HTTP endpoint, where one that skips
    /// negotiation is served below the HTTP server.
    /// </param>
    public static HubConnection Create(AgentServer server, bool messagePack, string query = "", string? token = null, bool negotiate = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(server.Http("hubs/agent" + query), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = !negotiate;
                if (token is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = AgentMessagePack.Options);
        }
        else
        {
            builder.AddJsonProtocol(o => AgentJson.Configure(o.PayloadSerializerOptions));
        }

        return builder.Build();
    }

    /// <summary>Starts <paramref name="connection"/> and waits until it either stays open or is closed by the server.</summary>
    /// <returns>The close error when the server closed it right after the handshake (the cap), otherwise null.</returns>
    public static async Task<Exception?> StartAndSettleAsync(HubConnection connection, TimeSpan settle)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e ?? new InvalidOperationException("closed without error"));
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync().WithTimeout();
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            return ex;
        }

        // A connection refused by the cap is closed by the server right after the handshake.
        var first = await Task.WhenAny(closed.Task, Task.Delay(settle));
        return first == closed.Task ? await closed.Task : null;
    }
}
