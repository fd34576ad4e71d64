namespace Agent.Collectors.Proc;

/// <summary>
/// Reads the small text files of procfs and sysfs. A file that is missing or fails to read (sysfs answers EINVAL
/// for the speed of a link that is down and EIO or ENODATA for an absent sensor) gives <see langword="null"/>:
/// one failing file must never fail the whole payload, and the caller decides whether its absence matters.
/// </summary>
internal static class SourceFiles
{
    public static async Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
