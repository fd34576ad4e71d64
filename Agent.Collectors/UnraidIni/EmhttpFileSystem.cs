using System.Text;

namespace Agent.Collectors.UnraidIni;

/// <summary>The real file system.</summary>
internal sealed class EmhttpFileSystem : IEmhttpFileSystem
{
    /// <inheritdoc/>
    public bool FolderExists(string path) => Directory.Exists(path);

    /// <inheritdoc/>
    public async Task<FileSnapshot?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var before = new FileInfo(path);
        if (!before.Exists)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        // emhttpd rewrites these files in place; a length or time that moved during the read means a writer was at work.
        var after = new FileInfo(path);
        var changed = !after.Exists || after.Length != before.Length || after.Length != bytes.Length
            || after.LastWriteTimeUtc != before.LastWriteTimeUtc;
        return new FileSnapshot(Encoding.UTF8.GetString(bytes), changed);
    }
}
