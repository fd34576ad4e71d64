using Agent.Collectors.Docker;
using Agent.Tests.Support;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Agent.Tests.Collectors.Docker;

public sealed class ContainerEventWatcherTests
{
    [Fact]
    public async Task Watcher_DaemonAbsentFromTheStart_RetriesWithoutWakingTheCollectorEachTime()
    {
        var engine = new AbsentEngine();
        await using var server = await AgentServer.StartAsync(
            new Dictionary<string, string?> { ["Agent:Intervals:Containers"] = "30" },
            services => services.Replace(ServiceDescriptor.Singleton<IDockerEngine>(engine)));

        // The first retries come after 0.25, 0.5 and 1 s; the collector reported the daemon absent once and is not asked again.
        await TaskTimeoutExtensions.EventuallyAsync(() => Task.FromResult(engine.Pings >= 4), because: "the watcher retries");

        Assert.Equal(1, engine.Lists);
    }

    // A daemon that is not there: every call fails as an unreachable socket does.
    private sealed class AbsentEngine : IDockerEngine
    {
        private int _pings;
        private int _lists;

        public int Pings => Volatile.Read(ref _pings);

        public int Lists => Volatile.Read(ref _lists);

        public Task PingAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _pings);
            return Task.FromException(Unreachable());
        }

        public Task<IList<ContainerListResponse>> ListContainersAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lists);
            return Task.FromException<IList<ContainerListResponse>>(Unreachable());
        }

        public Task<ContainerInspectResponse?> InspectContainerAsync(string idOrName, CancellationToken cancellationToken) =>
            Task.FromException<ContainerInspectResponse?>(Unreachable());

        public Task<ContainerStatsResponse?> GetStatsAsync(string id, CancellationToken cancellationToken) =>
            Task.FromException<ContainerStatsResponse?>(Unreachable());

        public Task WatchEventsAsync(Action<Message> onEvent, CancellationToken cancellationToken) => Task.FromException(Unreachable());

        public Task RunActionAsync(string id, string action, TimeSpan gracePeriod, CancellationToken cancellationToken) =>
            Task.FromException(Unreachable());

        private static DockerUnreachableException Unreachable() => new("Docker daemon at unix:///absent.sock does not answer.");
    }
}
