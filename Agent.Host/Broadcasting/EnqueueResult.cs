namespace Agent.Host.Broadcasting;

/// <summary>What happened to an item handed to a <see cref="CoalescingOutbox{T}"/>.</summary>
internal enum EnqueueResult
{
    /// <summary>Taken: sent at once to a client that keeps up, or queued behind the items already waiting.</summary>
    Added,

    /// <summary>Took the place of a waiting item of the same topic.</summary>
    Replaced,

    /// <summary>Dropped in favour of the waiting item of the same topic.</summary>
    Kept,

    /// <summary>Dropped: the client is closing.</summary>
    Closed,
}
