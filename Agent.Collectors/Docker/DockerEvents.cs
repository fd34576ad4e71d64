using Docker.DotNet.Models;

namespace Agent.Collectors.Docker;

/// <summary>Which Engine events change what <c>container_list_update</c> shows.</summary>
internal static class DockerEvents
{
    private static readonly HashSet<string> s_stateActions = new(StringComparer.Ordinal)
    {
        "create", "start", "restart", "stop", "die", "kill", "pause", "unpause", "oom", "destroy", "rename", "update",
        "health_status",
    };

    /// <summary>
    /// Whether <paramref name="message"/> is a container event that changes the list. Health changes arrive as
    /// <c>health_status: healthy</c> and exec events as <c>exec_start: cmd</c>, so only the part before <c>:</c> is
    /// compared. Daemons before API v1.52 also send the legacy <c>status</c>/<c>id</c>/<c>from</c> fields; the
    /// modern <c>Type</c>/<c>Action</c> are present alongside them since API v1.22 and are the ones read.
    /// </summary>
    public static bool ChangesList(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);

        if (message.Type is { Length: > 0 } type && !string.Equals(type, "container", StringComparison.Ordinal))
        {
            return false;
        }

        return s_stateActions.Contains(ActionVerb(message.Action));
    }

    /// <summary>The verb of an action: <c>health_status</c> for <c>health_status: unhealthy</c>.</summary>
    public static string ActionVerb(string? action)
    {
        if (action is not { Length: > 0 })
        {
            return "";
        }

        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? action[..colon] : action).Trim();
    }
}
