using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Agent.Contracts.Dtos.Connections;

namespace Agent.LoadTest;

/// <summary>
/// A soak run: every client connects, stays for the hold time, leaves and connects again until the deadline, while
/// the agent's memory, handles and threads are sampled; the samples are then judged by <see cref="GrowthRule"/>.
/// </summary>
internal sealed class SoakRun(LoadTestOptions options, ProgressLine progress)
{
    // A bound besides the deadline, so that a loop whose connects fail instantly cannot spin without end.
    private const int MaxCyclesPerClient = 100_000;

    // A refused or failed client waits this long before it tries again.
    private static readonly TimeSpan s_retryPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_releaseWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentQueue<ProcessSample> _samples = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _cycles;
    private long _accepted;
    private long _refusedByCap;
    private long _failed;
    private long _disconnects;
    private long _events;

    /// <summary>Samples taken so far.</summary>
    public int SampleCount => _samples.Count;

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        using var api = new AgentApi(options.BaseAddress);
        var reader = new ProcessReader(options.Pid, api);
        var before = await api.GetFiguresAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Duration);

        var workers = Enumerable.Range(0, options.Clients).Select(i => CycleAsync(i, deadline.Token)).ToArray();
        var sampling = SampleAsync(reader, api, clock, deadline.Token);
        await progress.RunAsync(ProgressText(clock), deadline.Token).ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);
        await sampling.ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var after = await WaitForReleaseAsync(api, before.Current, cancellationToken).ConfigureAwait(false);
        return Build(reader.Source, before, after);
    }

    private async Task CycleAsync(int worker, CancellationToken deadline)
    {
        for (var cycle = 0; cycle < MaxCyclesPerClient && !deadline.IsCancellationRequested; cycle++)
        {
            var client = LoadClients.Create(worker + cycle, options);
            await using (client.ConfigureAwait(false))
            {
                Interlocked.Increment(ref _cycles);
                await client.ConnectAsync(deadline).ConfigureAwait(false);
                var stay = client.Tally.IsAccepted ? options.SoakHold : s_retryPause;
                await PauseAsync(stay, deadline).ConfigureAwait(false);
                if (client.Tally.IsAccepted)
                {
                    // A bounded close of its own: the deadline must not cut a client's goodbye short.
                    using var close = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await client.CloseAsync(close.Token).ConfigureAwait(false);
                }

                Record(client.Tally, deadline.IsCancellationRequested);
            }
        }
    }

    private static async Task PauseAsync(TimeSpan pause, CancellationToken deadline)
    {
        try
        {
            await Task.Delay(pause, deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The deadline ends the stay; the client still closes normally.
        }
    }

    private void Record(ClientTally tally, bool cutByDeadline)
    {
        Interlocked.Add(ref _events, tally.Total);
        if (tally.IsAccepted)
        {
            Interlocked.Increment(ref _accepted);
        }
        else if (tally.IsRefusedByCap)
        {
            Interlocked.Increment(ref _refusedByCap);
        }
        else if (!cutByDeadline)
        {
            Interlocked.Increment(ref _failed);
            Note($"client {tally.Index} ({TransportNames.Of(tally.Transport)}): {tally.RefusalReason}");
        }

        if (tally.HasUnexpectedDisconnect)
        {
            Interlocked.Increment(ref _disconnects);
            Note($"client {tally.Index} ({TransportNames.Of(tally.Transport)}): {string.Join("; ", tally.Errors())}");
        }
    }

    private void Note(string failure)
    {
        if (_failures.Count < 20)
        {
            _failures.Enqueue(failure);
        }
    }

    private async Task SampleAsync(ProcessReader reader, AgentApi api, Stopwatch clock, CancellationToken deadline)
    {
        using var timer = new PeriodicTimer(options.SampleInterval);
        try
        {
            do
            {
                var figures = await reader.ReadAsync(deadline).ConfigureAwait(false);
                var connections = await api.GetFiguresAsync(deadline).ConfigureAwait(false);
                _samples.Enqueue(new ProcessSample(
                    Math.Round(clock.Elapsed.TotalSeconds, 3), figures.ResidentBytes, figures.OpenHandles, figures.Threads, connections.Current));
            }
            while (await timer.WaitForNextTickAsync(deadline).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // The run's deadline ends the sampling.
        }
    }

    private Func<string> ProgressText(Stopwatch clock) => () =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"soak {clock.Elapsed.TotalSeconds,6:F1}/{options.Duration.TotalSeconds:F0} s  cycles {Interlocked.Read(ref _cycles)}  " +
            $"refused {Interlocked.Read(ref _refusedByCap)}  failed {Interlocked.Read(ref _failed)}  " +
            $"rss {(_samples.LastOrDefault()?.ResidentBytes ?? 0) / (1024 * 1024)} MiB");

    private static async Task<ConnectionFigures> WaitForReleaseAsync(AgentApi api, int baseline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var figures = await api.GetFiguresAsync(cancellationToken).ConfigureAwait(false);
            if (figures.Current <= baseline || clock.Elapsed > s_releaseWait)
            {
                return figures;
            }

            await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private SoakReport Build(string source, ConnectionFigures before, ConnectionFigures after)
    {
        var samples = _samples.ToArray();
        GrowthVerdict[] growth =
        [
            GrowthRule.ResidentMemory.Judge([.. samples.Select(s => (s.ElapsedSeconds, (double)s.ResidentBytes))]),
            GrowthRule.OpenHandles.Judge([.. samples.Select(s => (s.ElapsedSeconds, (double)s.OpenHandles))]),
            GrowthRule.Threads.Judge([.. samples.Select(s => (s.ElapsedSeconds, (double)s.Threads))]),
        ];
        var report = new SoakReport
        {
            Url = options.BaseAddress.ToString(),
            Transport = TransportNames.Of(options.Transport),
            Clients = options.Clients,
            DurationSeconds = options.Duration.TotalSeconds,
            HoldSeconds = options.SoakHold.TotalSeconds,
            SampleSource = source,
            Cycles = _cycles,
            Accepted = _accepted,
            RefusedByCap = _refusedByCap,
            Failed = _failed,
            UnexpectedDisconnects = _disconnects,
            EventsTotal = _events,
            FailureSamples = [.. _failures],
            Samples = samples,
            Growth = growth,
            AgentBefore = before,
            AgentAfter = after,
            Checks = [],
        };
        return report with { Checks = SoakChecks.Evaluate(report) };
    }
}
