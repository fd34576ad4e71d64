using Docker.DotNet.Models;

namespace Agent.Collectors.Docker;

/// <summary>
/// The few Engine API calls the agent makes, so that the collector and the actions can be tested over captured
/// replies. A failure to reach the daemon surfaces as <see cref="DockerUnreachableException"/>.
/// </summary>
internal interface IDockerEngine
{
    /// <summary>Checks that the daemon answers.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>Every container, running or not.</summary>
    Task<IList<ContainerListResponse>> ListContainersAsync(CancellationToken cancellationToken);

    /// <summary>One container by id, id prefix or name; <see langword="null"/> when the daemon knows none.</summary>
    Task<ContainerInspectResponse?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken);

    /// <summary>One stats sample of a running container; <see langword="null"/> when the container is gone.</summary>
    Task<ContainerStatsResponse?> GetStatsAsync(string id, CancellationToken cancellationToken);

    /// <summary>Follows the container event stream until it ends or fails.</summary>
    Task WatchEventsAsync(Action<Message> onEvent, CancellationToken cancellationToken);

    /// <summary>Runs one lifecycle action (<see cref="ContainerActions.Names"/>) on a container.</summary>
    Task RunActionAsync(string id, string action, TimeSpan gracePeriod, CancellationToken cancellationToken);
}
