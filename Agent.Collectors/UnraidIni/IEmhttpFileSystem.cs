namespace Agent.Collectors.UnraidIni;

/// <summary>
/// Every file-system access of this source goes through here (and <see cref="IUserShareSpace"/>), so a test can prove
/// that nothing outside the emhttp folder, and never a device node or sysfs, is opened.
/// </summary>
internal interface IEmhttpFileSystem
{
    /// <summary>Whether the folder exists.</summary>
    bool FolderExists(string path);

    /// <summary>
    /// Reads the whole file once, with its length and change time before and after the read, or returns
    /// <see langword="null"/> when it does not exist.
    /// </summary>
    Task<FileSnapshot?> ReadAsync(string path, CancellationToken cancellationToken);
}
