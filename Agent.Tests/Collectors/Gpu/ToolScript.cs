namespace Agent.Tests.Collectors.Gpu;

/// <summary>Small executable shell scripts that stand in for nvidia-smi and intel_gpu_top in a test's folder.</summary>
internal static class ToolScript
{
    /// <summary>Writes <paramref name="body"/> under <c>#!/bin/sh</c> to <paramref name="path"/> and makes it executable.</summary>
    public static string Write(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    /// <summary>A script that prints <paramref name="fixture"/> and exits 0.</summary>
    public static string Cat(string path, string fixture) => Write(path, $"cat '{fixture}'");

    /// <summary>A script that writes its PID and hangs; <c>exec</c> keeps it one process, so no orphan outlives a stop.</summary>
    public static string Hang(string path) => Write(path, $"echo $$ > '{path}.pid'\nexec sleep 30");
}
