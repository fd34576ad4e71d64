namespace Agent.Collectors.UnraidIni;

/// <summary>Measures the file system that holds a path (statfs).</summary>
internal interface IUserShareSpace
{
    /// <summary>The space of the file system at <paramref name="path"/>, or <see langword="null"/> when it cannot be measured.</summary>
    FileSystemSpace? Measure(string path);
}
