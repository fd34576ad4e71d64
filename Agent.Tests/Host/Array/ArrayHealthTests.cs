using System.Diagnostics;
using Agent.Collectors.Hosting;
using Agent.Collectors.UnraidIni;
using Agent.Contracts.Dtos.Sources;
using Agent.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Tests.Host.Array;

/// <summary>The array's one health, shared by the array, disk and share collectors.</summary>
public sealed class ArrayHealthTests
{
    [SharedFixturesFact]
    public async Task Collectors_OneFileUnreadable_HealthStaysDegradedWhileTheOthersSucceed()
    {
        using var folder = new EmhttpFixtureFolder();
        var files = new UnreadableFile(new EmhttpFileSystem(), "disks.ini");
        await using var server = await AgentServer.StartAsync(
            folder.Settings(intervalSeconds: 1),
            services => services.Replace(ServiceDescriptor.Singleton<IEmhttpFileSystem>(files)));
        var health = server.Services.GetRequiredService<SourceHealthRegistry>().Get("array");

        await TaskTimeoutExtensions.EventuallyAsync(
            () => Task.FromResult(health.State == SourceHealthState.Degraded && files.Refusals >= 2),
            because: "the collectors reading disks.ini fail");

        // Three seconds of one-second polls, the share collector succeeding in each: a collector that threw stays an
        // open problem, so its success does not flip the shared health back to healthy.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(3))
        {
            Assert.Equal(SourceHealthState.Degraded, health.State);
            await Task.Delay(10);
        }

        Assert.Contains("collection failed", health.Snapshot().Reason, StringComparison.Ordinal);
    }

    private sealed class UnreadableFile(IEmhttpFileSystem inner, string fileName) : IEmhttpFileSystem
    {
        private int _refusals;

        public int Refusals => Volatile.Read(ref _refusals);

        public bool FolderExists(string path) => inner.FolderExists(path);

        public Task<FileSnapshot?> ReadAsync(string path, CancellationToken cancellationToken)
        {
            if (!path.EndsWith(fileName, StringComparison.Ordinal))
            {
                return inner.ReadAsync(path, cancellationToken);
            }

            Interlocked.Increment(ref _refusals);
            throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
        }
    }
}
