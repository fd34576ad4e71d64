using System.Net;
using System.Text.RegularExpressions;
using Agent.Contracts.Dtos.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Agent.Collectors.Docker;

/// <summary>
/// Start, stop, restart, pause and unpause, for REST and the hub. The container's state is read first, so that an
/// action that is already done answers success and one that does not apply answers a conflict without asking the
/// daemon to fail. The new state reaches subscribers through the Docker event the action causes.
/// </summary>
/// <remarks>
/// Public because the Host assembly is named <c>unraid-management-agent</c>, which the collectors'
/// <c>InternalsVisibleTo Agent.Host</c> does not match; the constructor stays internal behind the engine seam.
/// </remarks>
public sealed partial class ContainerActions
{
    /// <summary>The start action.</summary>
    public const string Start = "start";

    /// <summary>The stop action, with the grace period.</summary>
    public const string Stop = "stop";

    /// <summary>The restart action, with the grace period.</summary>
    public const string Restart = "restart";

    /// <summary>The pause action.</summary>
    public const string Pause = "pause";

    /// <summary>The unpause action.</summary>
    public const string Unpause = "unpause";

    /// <summary>Every action, in the order of the routes.</summary>
    public static readonly IReadOnlyList<string> Names = [Start, Stop, Restart, Pause, Unpause];

    private readonly IDockerEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _gracePeriod;

    internal ContainerActions(IDockerEngine engine, IOptions<DockerOptions> options, TimeProvider time, ILogger<ContainerActions> logger)
    {
        _engine = engine;
        _time = time;
        _logger = logger;
        _gracePeriod = options.Value.StopGracePeriod;
    }

    /// <summary>Runs <paramref name="action"/> on the container with a 12- or 64-hex id or a name.</summary>
    public async Task<ContainerActionOutcome> RunAsync(string idOrName, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        ArgumentNullException.ThrowIfNull(action);

        if (!Names.Contains(action, StringComparer.Ordinal))
        {
            return Fail(ContainerActionOutcomeKind.Invalid, idOrName, $"unknown action '{action}'; expected one of {string.Join(", ", Names)}");
        }

        if (!IsWellFormed(idOrName))
        {
            return Fail(ContainerActionOutcomeKind.Invalid, idOrName, $"'{idOrName}' is not a 12- or 64-hex container id or a container name");
        }

        try
        {
            var container = await FindAsync(idOrName, cancellationToken).ConfigureAwait(false);
            if (container is null)
            {
                return Fail(ContainerActionOutcomeKind.NotFound, idOrName, $"no container '{idOrName}'");
            }

            return await ApplyAsync(container, action, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerUnreachableException ex)
        {
            var reason = ex.InnerException?.Message ?? ex.Message;
            return Fail(ContainerActionOutcomeKind.Unavailable, idOrName, $"the Docker daemon is not reachable: {reason}");
        }
    }

    /// <summary>Whether <paramref name="idOrName"/> is a 12- or 64-hex id or a name Docker would accept.</summary>
    public static bool IsWellFormed(string idOrName) => ShortOrFullId().IsMatch(idOrName) || ContainerName().IsMatch(idOrName);

    /// <summary>
    /// The container that <paramref name="idOrName"/> names exactly. The daemon also resolves any id prefix; a
    /// 12- or 64-hex id must be the start of the full id, and anything else must be the name.
    /// </summary>
    private async Task<ContainerInspectResponse?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        var container = await _engine.InspectContainerAsync(idOrName, cancellationToken).ConfigureAwait(false);
        if (container is null)
        {
            return null;
        }

        var isId = ShortOrFullId().IsMatch(idOrName) && container.ID.StartsWith(idOrName, StringComparison.OrdinalIgnoreCase);
        var isName = string.Equals(container.Name?.TrimStart('/'), idOrName, StringComparison.Ordinal);
        return isId || isName ? container : null;
    }

    private async Task<ContainerActionOutcome> ApplyAsync(ContainerInspectResponse container, string action, CancellationToken cancellationToken)
    {
        var name = container.Name?.TrimStart('/') ?? ContainerMapper.ShortId(container.ID);
        var state = ContainerMapper.State(null, container.State);
        switch (Decide(action, state))
        {
            case Decision.AlreadyDone:
                return Succeed(name, $"container '{name}' is already {AlreadyText(action)}");
            case Decision.DoesNotApply:
                return Fail(ContainerActionOutcomeKind.Conflict, name, $"cannot {action} container '{name}': it is {state}");
        }

        try
        {
            await _engine.RunActionAsync(container.ID, action, _gracePeriod, cancellationToken).ConfigureAwait(false);
            return Succeed(name, $"container '{name}' {DoneText(action)}");
        }
        catch (DockerApiException ex)
        {
            DockerLog.ContainerActionFailed(_logger, action, name, (int)ex.StatusCode, ex);
            return ex.StatusCode switch
            {
                HttpStatusCode.NotFound => Fail(ContainerActionOutcomeKind.NotFound, name, $"no container '{name}'"),
                HttpStatusCode.Conflict or HttpStatusCode.NotModified =>
                    Fail(ContainerActionOutcomeKind.Conflict, name, $"cannot {action} container '{name}': {ex.ResponseBody?.Trim()}"),
                _ => Fail(ContainerActionOutcomeKind.Failed, name, $"Docker failed to {action} container '{name}': {ex.ResponseBody?.Trim()}"),
            };
        }
    }

    private static Decision Decide(string action, string state) => (action, state) switch
    {
        (Start, "running") => Decision.AlreadyDone,
        (Start, "paused" or "removing" or "dead") => Decision.DoesNotApply,
        (Stop, "exited" or "created" or "dead") => Decision.AlreadyDone,
        (Stop, "removing") => Decision.DoesNotApply,
        (Restart, "paused" or "removing" or "dead") => Decision.DoesNotApply,
        (Pause, "paused") => Decision.AlreadyDone,
        (Pause, not "running") => Decision.DoesNotApply,
        (Unpause, "running") => Decision.AlreadyDone,
        (Unpause, not "paused") => Decision.DoesNotApply,
        _ => Decision.Run,
    };

    private static string AlreadyText(string action) => action switch
    {
        Start => "running",
        Stop => "stopped",
        Pause => "paused",
        _ => "running and not paused",
    };

    private static string DoneText(string action) => action switch
    {
        Start => "started",
        Stop => "stopped",
        Restart => "restarted",
        Pause => "paused",
        _ => "unpaused",
    };

    private ContainerActionOutcome Succeed(string container, string message) => new(
        ContainerActionOutcomeKind.Succeeded,
        new ContainerActionResult { Success = true, Message = message, Timestamp = _time.GetLocalNow() },
        container);

    private ContainerActionOutcome Fail(ContainerActionOutcomeKind kind, string container, string error) => new(
        kind,
        new ContainerActionResult { Success = false, Error = error, Timestamp = _time.GetLocalNow() },
        container);

    [GeneratedRegex("^(?:[0-9a-fA-F]{12}|[0-9a-fA-F]{64})$")]
    private static partial Regex ShortOrFullId();

    // Docker's own rule for container names (daemon/names), at most 255 characters here to bound the input.
    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}$")]
    private static partial Regex ContainerName();

    private enum Decision
    {
        Run,
        AlreadyDone,
        DoesNotApply,
    }
}
