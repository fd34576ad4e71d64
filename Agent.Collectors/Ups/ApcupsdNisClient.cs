using System.Buffers.Binary;
using System.Text;

namespace Agent.Collectors.Ups;

/// <summary>
/// apcupsd's network information server (NIS): a request is a 2-byte big-endian length and the command; the reply is
/// a sequence of frames of the same form, one record line each, ended by a zero-length frame
/// (apcupsd <c>src/lib/apclibnis.c</c>; <c>shared/FORMATS.md</c> §6).
/// </summary>
internal sealed class ApcupsdNisClient(UpsAddress address, TimeSpan connectTimeout, TimeSpan readTimeout)
{
    // Real records are well under 100 bytes; a longer frame means the peer does not speak NIS.
    private const int MaxFrameBytes = 1024;
    private const int MaxFrames = 512;
    private static readonly byte[] s_statusRequest = [0, 6, .. "status"u8];

    public UpsAddress Address => address;

    /// <summary>Sends <c>status</c> and returns the record lines of the reply, without their line ends.</summary>
    public async Task<IReadOnlyList<string>> ReadStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await UpsConnection.OpenAsync(address, connectTimeout, readTimeout, cancellationToken)
            .ConfigureAwait(false);
        return await UpsConnection.TimedAsync(
            ExchangeAsync(connection, connection.Token),
            $"apcupsd at {address} did not finish its reply within {readTimeout.TotalSeconds:0.###} s",
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ExchangeAsync(UpsConnection connection, CancellationToken token)
    {
        await connection.Stream.WriteAsync(s_statusRequest, token).ConfigureAwait(false);
        var lines = new List<string>();
        var header = new byte[2];
        var frame = new byte[MaxFrameBytes];
        while (true)
        {
            await connection.Stream.ReadExactlyAsync(header, token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header);
            if (length == 0)
            {
                return lines;
            }

            if (length > MaxFrameBytes || lines.Count >= MaxFrames)
            {
                throw new UpsProtocolException(
                    $"The NIS reply is not apcupsd's: a frame of {length} bytes after {lines.Count} records.");
            }

            await connection.Stream.ReadExactlyAsync(frame.AsMemory(0, length), token).ConfigureAwait(false);
            lines.Add(Encoding.Latin1.GetString(frame, 0, length).TrimEnd('\n', '\r'));
        }
    }
}
