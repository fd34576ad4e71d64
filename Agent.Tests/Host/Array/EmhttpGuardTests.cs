using System.Collections.Concurrent;
using Agent.Collectors.UnraidIni;
using Agent.Contracts.Topics;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Tests.Host.Array;

public sealed class EmhttpGuardTests
{
    private static readonly DateTime s_longAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [SharedFixturesFact]
    public async Task Collectors_FullCycleWithWatcher_NeverTouchDevOrSysBlock()
    {
        using var folder = new EmhttpFixtureFolder();
        var dev = Path.Combine(folder.Root, "dev");
        var sys = Path.Combine(folder.Root, "sys");
        var traps = CreateTraps(dev, sys);
        var files = new RecordingFileSystem(new EmhttpFileSystem());
        var space = new RecordingSpace(new DriveInfoUserShareSpace());
        var settings = folder.Settings();
        settings["Agent:Paths:Dev"] = dev;
        settings["Agent:Paths:Sys"] = sys;
        await using var server = await AgentServer.StartAsync(settings, services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IEmhttpFileSystem>(files));
            services.Replace(ServiceDescriptor.Singleton<IUserShareSpace>(space));
        });

        await WaitForAllTopicsAsync(server);
        var disksIni = Path.Combine(folder.Emhttp, "disks.ini");
        await File.WriteAllTextAsync(disksIni, await File.ReadAllTextAsync(disksIni) + "\n");
        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(files.Reads.Count(p => p.EndsWith("disks.ini", StringComparison.Ordinal)) >= 4),
            because: "the watcher wakes both collectors of disks.ini");

        Assert.All(files.Reads.Concat(files.Folders), p => Assert.StartsWith(folder.Emhttp, p, StringComparison.Ordinal));
        Assert.All(space.Measured, p => Assert.Equal(folder.UserShares, p));
        Assert.All(traps, trap => Assert.True(
            File.GetLastAccessTimeUtc(trap) == s_longAgo,
            $"{trap} was accessed at {File.GetLastAccessTimeUtc(trap):O}"));
    }

    [Fact]
    public void Traps_ReadingOne_IsDetected()
    {
        using var folder = new TempFolder();
        var traps = CreateTraps(Path.Combine(folder.Path, "dev"), Path.Combine(folder.Path, "sys"));
        var model = traps.Single(t => t.EndsWith("model", StringComparison.Ordinal));

        _ = File.ReadAllText(model);
        _ = Directory.GetFileSystemEntries(Path.GetDirectoryName(model)!);

        Assert.NotEqual(s_longAgo, File.GetLastAccessTimeUtc(model));
        Assert.NotEqual(s_longAgo, Directory.GetLastAccessTimeUtc(Path.GetDirectoryName(model)!));
    }

    // Device nodes and sysfs entries stand in as plain files and folders whose access time is set far back: under the
    // relatime default, any read of a file or listing of a folder moves it (the second test proves that here).
    private static List<string> CreateTraps(string dev, string sys)
    {
        var block = Path.Combine(sys, "block", "sdf", "device");
        Directory.CreateDirectory(dev);
        Directory.CreateDirectory(block);
        var traps = new List<string>();
        string[] files =
        [
            Path.Combine(dev, "sdf"), Path.Combine(dev, "sdh"), Path.Combine(block, "model"), Path.Combine(sys, "block", "sdf", "stat"),
        ];
        foreach (var file in files)
        {
            File.WriteAllText(file, "trap\n");
            traps.Add(file);
        }

        traps.AddRange([dev, sys, Path.Combine(sys, "block"), Path.Combine(sys, "block", "sdf"), block]);
        foreach (var trap in traps)
        {
            File.SetLastAccessTimeUtc(trap, s_longAgo);
        }

        return traps;
    }

    private static Task WaitForAllTopicsAsync(AgentServer server) => TaskTimeoutExtensions.EventuallyAsync(
        () => Task.FromResult(
            server.Topics.GetLatest(TopicCatalog.ArrayStatusUpdate) is not null
            && server.Topics.GetLatest(TopicCatalog.DiskListUpdate) is not null
            && server.Topics.GetLatest(TopicCatalog.ShareListUpdate) is not null),
        because: "every emhttp topic is published once");

    private sealed class RecordingFileSystem(IEmhttpFileSystem inner) : IEmhttpFileSystem
    {
        private readonly ConcurrentQueue<string> _reads = new();
        private readonly ConcurrentQueue<string> _folders = new();

        public IReadOnlyList<string> Reads => [.. _reads];

        public IReadOnlyList<string> Folders => [.. _folders];

        public bool FolderExists(string path)
        {
            _folders.Enqueue(path);
            return inner.FolderExists(path);
        }

        public Task<FileSnapshot?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            _reads.Enqueue(path);
            return inner.ReadAsync(path, cancellationToken);
        }
    }

    private sealed class RecordingSpace(IUserShareSpace inner) : IUserShareSpace
    {
        private readonly ConcurrentQueue<string> _measured = new();

        public IReadOnlyList<string> Measured => [.. _measured];

        public FileSystemSpace? Measure(string path)
        {
            _measured.Enqueue(path);
            return inner.Measure(path);
        }
    }
}
