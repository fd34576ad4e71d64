namespace Agent.Host.WebSockets;

/// <summary>A connection stream that can send a frame written once for many clients without copying it.</summary>
internal interface ISharedFrameStream
{
    /// <summary>
    /// Writes <paramref name="buffer"/>, which never changes afterwards, so it may be sent from where it lies after the
    /// write has completed.
    /// </summary>
    ValueTask WriteSharedAsync(ReadOnlyMemory<byte> buffer);
}
