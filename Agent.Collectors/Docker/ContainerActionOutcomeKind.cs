namespace Agent.Collectors.Docker;

/// <summary>How a container action ended; REST maps each kind to one status code.</summary>
public enum ContainerActionOutcomeKind
{
    /// <summary>Carried out, or the container already was in the wanted state (200).</summary>
    Succeeded,

    /// <summary>A malformed id or an unknown action (400).</summary>
    Invalid,

    /// <summary>No container has that id or name (404).</summary>
    NotFound,

    /// <summary>The action does not apply to the container's state, e.g. pausing a stopped container (409).</summary>
    Conflict,

    /// <summary>The Docker daemon does not answer (503).</summary>
    Unavailable,

    /// <summary>The daemon refused or failed the action for another reason (500).</summary>
    Failed,
}
