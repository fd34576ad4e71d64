namespace Agent.Tests.Collectors.Docker;

/// <summary>A fact that needs a private dockerd; skipped with the reason when this machine cannot run one.</summary>
public sealed class DockerDaemonFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when root, dockerd, docker or busybox is missing.</summary>
    public DockerDaemonFactAttribute()
    {
        if (DockerDaemon.MissingPrerequisite() is { } missing)
        {
            Skip = missing;
        }
    }
}
