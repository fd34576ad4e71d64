namespace Agent.Host.WebSockets;

/// <summary>What a client frame does to the raw socket's topic filter.</summary>
internal enum SubscribeAction
{
    /// <summary>Not a valid subscribe frame: the filter stays as it is.</summary>
    Ignore,

    /// <summary>The filter becomes the given topics.</summary>
    Replace,

    /// <summary>The filter passes every topic again.</summary>
    ResetToAll,
}
