using System.Diagnostics;
using Agent.Collectors.Docker;
using Agent.Contracts.Dtos.Containers;
using Agent.Host.Configuration;
using Microsoft.Extensions.Options;

namespace Agent.Host.Endpoints;

/// <summary>
/// The one door to the container actions, for REST and the hub alike: refuses them in read-only mode, runs them,
/// and writes one information line per action with the caller, container, result and duration.
/// </summary>
internal sealed class ContainerActionGateway(
    ContainerActions actions,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<ContainerActionGateway> logger)
{
    public async Task<(int StatusCode, ContainerActionResult Result)> RunAsync(
        string id,
        string action,
        string remoteAddress,
        CancellationToken cancellationToken)
    {
        if (options.Value.ReadOnly)
        {
            DockerEndpointsLog.ContainerActionRefused(logger, remoteAddress, id, action);
            var refused = new ContainerActionResult
            {
                Success = false,
                Error = "container actions are disabled: the agent runs read-only (Agent:ReadOnly, READ_ONLY)",
                Timestamp = time.GetLocalNow(),
            };
            return (StatusCodes.Status403Forbidden, refused);
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = await actions.RunAsync(id, action, cancellationToken).ConfigureAwait(false);
        var status = StatusCode(outcome.Kind);
        DockerEndpointsLog.ContainerActionHandled(
            logger, remoteAddress, outcome.Container, action, outcome.Kind.ToString(), status, Stopwatch.GetElapsedTime(started));
        return (status, outcome.Result);
    }

    private static int StatusCode(ContainerActionOutcomeKind kind) => kind switch
    {
        ContainerActionOutcomeKind.Succeeded => StatusCodes.Status200OK,
        ContainerActionOutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        ContainerActionOutcomeKind.NotFound => StatusCodes.Status404NotFound,
        ContainerActionOutcomeKind.Conflict => StatusCodes.Status409Conflict,
        ContainerActionOutcomeKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
