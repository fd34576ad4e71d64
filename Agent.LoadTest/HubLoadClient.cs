using System.Diagnostics;
using Agent.Contracts.Serialization;
using Agent.Contracts.Topics;
using MessagePack;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Agent.LoadTest;

/// <summary>
/// A SignalR client of <c>/hubs/agent</c> that counts invocations by hub method name. Payloads are bound to
/// <see cref="object"/>: the count needs no payload type, and the method name alone says which topic it is.
/// </summary>
internal sealed class HubLoadClient : ILoadClient
{
    // How long a refused connection may take to be closed by the agent after its handshake.
    private static readonly TimeSpan s_refusalWait = TimeSpan.FromSeconds(5);

    private static readonly MessagePackSerializerOptions s_messagePack =
        MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);

    private readonly HubConnection _connection;
    private readonly IReadOnlyList<string> _groups;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closing;

    public HubLoadClient(ClientTally tally, Uri baseAddress, IReadOnlyList<string> groups)
    {
        Tally = tally;
        _groups = groups.Count > 0 ? groups : TopicCatalog.GroupNames;
        _connection = Build(baseAddress, tally.Transport == TransportKind.SignalrMessagepack);
        foreach (var topic in TopicCatalog.All)
        {
            var name = topic.Name;
            _connection.On(topic.HubMethod, [typeof(object)], _ =>
            {
                Tally.Count(name);
                return Task.CompletedTask;
            });
        }

        _connection.Closed += OnClosedAsync;
    }

    public ClientTally Tally { get; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await _connection.StartAsync(cancellationToken).ConfigureAwait(false);

            // The cap filter runs after the handshake and before the first invocation is dispatched, so an answered
            // Subscribe proves that the agent admitted the connection; a refused one is closed instead.
            await _connection.InvokeAsync("Subscribe", _groups.ToArray(), cancellationToken).ConfigureAwait(false);
            Tally.Accepted(watch.Elapsed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = watch.Elapsed;
            var closeError = await WaitForCloseAsync(cancellationToken).ConfigureAwait(false);
            var text = closeError?.Message ?? ex.Message;
            Tally.Refused(elapsed, CapRefusal.IsCap(text) ? CapRefusal.Reason(text) : $"{ex.GetType().Name}: {text}", CapRefusal.IsCap(text));
        }
        catch (OperationCanceledException)
        {
            Tally.Refused(watch.Elapsed, "connect cancelled: the run ended first", byCap: false);
        }
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        _closing = true;
        try
        {
            await _connection.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stopping a connection the agent already closed may fail; the tally already holds that closure.
            Tally.Error($"stop failed: {ex.Message}");
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static HubConnection Build(Uri baseAddress, bool messagePack)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "hubs/agent"), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        });
        if (messagePack)
        {
            builder.AddMessagePackProtocol(o => o.SerializerOptions = s_messagePack);
        }
        else
        {
            builder.AddJsonProtocol(o => AgentJson.Configure(o.PayloadSerializerOptions));
        }

        return builder.Build();
    }

    private Task OnClosedAsync(Exception? error)
    {
        if (!_closing && Tally.IsAccepted)
        {
            Tally.Disconnected($"closed by the agent: {error?.Message ?? "no error"}");
        }

        _closed.TrySetResult(error);
        return Task.CompletedTask;
    }

    private async Task<Exception?> WaitForCloseAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _closed.Task.WaitAsync(s_refusalWait, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return null;
        }
    }
}
