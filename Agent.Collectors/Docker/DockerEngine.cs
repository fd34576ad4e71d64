using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

/// <summary>
/// The Engine API over Docker.DotNet. The API version is negotiated on the first call after each connection
/// failure: the daemon's own version is asked with an old version every daemon accepts, and the client then speaks
/// the lower of the daemon's and the library's versions.
/// </summary>
internal sealed class DockerEngine(IOptions<DockerOptions> options) : IDockerEngine, IDisposable
{
    // Every daemon since Docker 1.12 accepts this version; Docker 25 and later refuse anything older.
    private static readonly System.Version s_probeVersion = new(1, 24);

    // A single call that is not a stream or an action never takes longer on a healthy daemon.
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(10);

    private readonly Uri _endpoint = new(options.Value.Endpoint);

    // Guards _client: it is replaced after a connection failure so that a restarted daemon is negotiated again.
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private DockerClient? _client;

    public Task PingAsync(CancellationToken cancellationToken) =>
        CallCoreAsync((c, t) => c.System.PingAsync(t), s_callTimeout, cancellationToken);

    public async Task<IList<ContainerListResponse>> ListContainersAsync(CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters { All = true };
        return await CallAsync((c, t) => c.Containers.ListContainersAsync(parameters, t), s_callTimeout, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<ContainerInspectResponse?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync((c, t) => c.Containers.InspectContainerAsync(idOrName, t), s_callTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<ContainerStatsResponse?> GetStatsAsync(string id, CancellationToken cancellationToken)
    {
        // One-shot: the daemon answers at once with a single sample instead of waiting a second for a second one;
        // the collector keeps the previous sample itself (see ContainerStatsCalculator).
        var parameters = new ContainerStatsParameters { Stream = false, OneShot = true };
        var frame = new LastValue<ContainerStatsResponse>();
        try
        {
            await CallCoreAsync((c, t) => c.Containers.GetContainerStatsAsync(id, parameters, frame, t), s_callTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }

        return frame.Value;
    }

    public Task WatchEventsAsync(Action<Message> onEvent, CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
            },
        };
        var progress = new Callback<Message>(onEvent);
        return CallCoreAsync((c, t) => c.System.MonitorEventsAsync(parameters, progress, t), Timeout.InfiniteTimeSpan, cancellationToken);
    }

    public Task RunActionAsync(string id, string action, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var graceSeconds = (uint)Math.Ceiling(gracePeriod.TotalSeconds);

        // Stop and restart wait for the grace period on the daemon side; the call may take that long and a little more.
        var timeout = s_callTimeout + gracePeriod;
        return action switch
        {
            ContainerActions.Start => CallCoreAsync(
                (c, t) => c.Containers.StartContainerAsync(id, new ContainerStartParameters(), t), timeout, cancellationToken),
            ContainerActions.Stop => CallCoreAsync(
                (c, t) => c.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = graceSeconds }, t),
                timeout,
                cancellationToken),
            ContainerActions.Restart => CallCoreAsync(
                (c, t) => c.Containers.RestartContainerAsync(id, new ContainerRestartParameters { WaitBeforeKillSeconds = graceSeconds }, t),
                timeout,
                cancellationToken),
            ContainerActions.Pause => CallCoreAsync((c, t) => c.Containers.PauseContainerAsync(id, t), timeout, cancellationToken),
            ContainerActions.Unpause => CallCoreAsync((c, t) => c.Containers.UnpauseContainerAsync(id, t), timeout, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Expected start, stop, restart, pause or unpause."),
        };
    }

    public void Dispose()
    {
        _client?.Dispose();
        _connectGate.Dispose();
    }

    private async Task<T> CallAsync<T>(Func<DockerClient, CancellationToken, Task<T>> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        T result = default!;
        await CallCoreAsync(async (c, t) => result = await call(c, t).ConfigureAwait(false), timeout, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task CallCoreAsync(Func<DockerClient, CancellationToken, Task> call, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(timeout);
        }

        DockerClient? client = null;
        try
        {
            client = await GetClientAsync(limit.Token).ConfigureAwait(false);
            await call(client, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
        {
            await ForgetAsync(client).ConfigureAwait(false);
            throw new DockerUnreachableException($"Docker daemon at {_endpoint} does not answer: {ex.Message.TrimEnd('.')}", ex);
        }
        catch (JsonException ex)
        {
            // Something answers HTTP on the endpoint, but not the Engine API (another program, a broken proxy).
            await ForgetAsync(client).ConfigureAwait(false);
            var cause = ex.Message.Split(". ", 2)[0].TrimEnd('.');
            throw new DockerUnreachableException(
                $"the endpoint {_endpoint} answers, but not with the Docker Engine API's JSON: {cause}",
                ex);
        }
    }

    private static bool IsConnectionFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        HttpRequestException or IOException or SocketException or TimeoutException or ObjectDisposedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private async Task<DockerClient> GetClientAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _client ??= await NegotiateAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private async Task<DockerClient> NegotiateAsync(CancellationToken cancellationToken)
    {
        // Most servers without Docker have no socket at all: say so without a connection attempt (and without the
        // HTTP stack a client would load for it, which would then stay loaded for nothing).
        if (_endpoint.Scheme == "unix" && !File.Exists(_endpoint.LocalPath))
        {
            throw new DockerUnreachableException(
                $"Docker daemon at {_endpoint} does not answer: there is no socket at {_endpoint.LocalPath}");
        }

        using var probe = Build(s_probeVersion);
        var version = await probe.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        using var library = Build(null);
        var daemonVersion = System.Version.TryParse(version.APIVersion, out var parsed) ? parsed : null;
        var libraryVersion = library.Options.ApiVersion;
        var chosen = (daemonVersion, libraryVersion) switch
        {
            (null, _) => libraryVersion,
            (_, null) => daemonVersion,
            _ => daemonVersion < libraryVersion ? daemonVersion : libraryVersion,
        };
        return Build(chosen);
    }

    private DockerClient Build(System.Version? apiVersion)
    {
        var builder = new DockerClientBuilder().WithEndpoint(_endpoint).WithTimeout(Timeout.InfiniteTimeSpan);
        if (apiVersion is not null)
        {
            builder = builder.WithApiVersion(apiVersion);
        }

        return builder.Build();
    }

    private async Task ForgetAsync(DockerClient? failed)
    {
        if (failed is null)
        {
            return;
        }

        await _connectGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_client, failed))
            {
                _client = null;
                failed.Dispose();
            }
        }
        finally
        {
            _connectGate.Release();
        }
    }

    private sealed class LastValue<T> : IProgress<T>
    {
        public T? Value { get; private set; }

        public void Report(T value) => Value = value;
    }

    private sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
