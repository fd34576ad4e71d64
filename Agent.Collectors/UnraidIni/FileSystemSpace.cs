namespace Agent.Collectors.UnraidIni;

/// <summary>Size and free space of a mounted file system, in bytes.</summary>
internal readonly record struct FileSystemSpace(long TotalBytes, long FreeBytes, long AvailableBytes);
