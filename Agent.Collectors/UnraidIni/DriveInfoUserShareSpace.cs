namespace Agent.Collectors.UnraidIni;

/// <summary>
/// statfs through <see cref="DriveInfo"/>: on Linux it calls <c>statvfs</c> on the path it is given, so a path that is
/// not itself a mount point measures the file system that holds it. statvfs answers from the super block and does not
/// wake a sleeping disk, which is why the array's capacity is read this way and not from the disks.
/// </summary>
internal sealed class DriveInfoUserShareSpace : IUserShareSpace
{
    /// <inheritdoc/>
    public FileSystemSpace? Measure(string path)
    {
        if (!Directory.Exists(path))
        {
            return null;
        }

        try
        {
            var drive = new DriveInfo(path);
            return new FileSystemSpace(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
