using System.Diagnostics;
using System.Globalization;
using Agent.Contracts.Dtos.Connections;

namespace Agent.LoadTest;

/// <summary>
/// One load run: connects every client at the same instant, counts what each receives until the deadline, closes them
/// and checks the outcome against the agent's own figures.
/// </summary>
internal sealed class LoadRun(LoadTestOptions options, ProgressLine progress)
{
    // How long the agent may take to release every slot once the clients have closed.
    private static readonly TimeSpan s_releaseWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_closeWait = TimeSpan.FromSeconds(10);

    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<ILoadClient> _clients = [];

    /// <summary>Completes once every client has been accepted or refused (tests publish events after it).</summary>
    public Task Connected => _connected.Task;

    /// <summary>Events counted so far over all clients.</summary>
    public long EventsReceived => _clients.Sum(c => c.Tally.Total);

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var api = new AgentApi(options.BaseAddress);
        var before = await api.GetFiguresAsync(cancellationToken).ConfigureAwait(false);
        _clients = [.. Enumerable.Range(0, options.Clients).Select(i => LoadClients.Create(i, options))];
        try
        {
            var clock = Stopwatch.StartNew();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Duration);
            await ConnectAllAsync(deadline.Token).ConfigureAwait(false);
            _connected.TrySetResult();

            await progress.RunAsync(ProgressText(clock), deadline.Token).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var client in _clients)
            {
                client.Tally.Freeze();
            }

            var elapsed = clock.Elapsed;
            var during = await api.GetFiguresAsync(cancellationToken).ConfigureAwait(false);
            await CloseAllAsync(cancellationToken).ConfigureAwait(false);
            var after = await WaitForReleaseAsync(api, before.Current, cancellationToken).ConfigureAwait(false);
            return Build(elapsed, before, during, after);
        }
        finally
        {
            _connected.TrySetResult();
            foreach (var client in _clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ConnectAllAsync(CancellationToken cancellationToken)
    {
        // Every client waits on one gate so that all of them hit the agent at the same instant.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connecting = _clients.Select(async c =>
        {
            await gate.Task.ConfigureAwait(false);
            await c.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }).ToArray();
        gate.SetResult();
        await Task.WhenAll(connecting).ConfigureAwait(false);
    }

    private Func<string> ProgressText(Stopwatch clock) => () =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{clock.Elapsed.TotalSeconds,6:F1}/{options.Duration.TotalSeconds:F0} s  accepted {_clients.Count(c => c.Tally.IsAccepted)}  " +
            $"events {EventsReceived}  disconnects {_clients.Count(c => c.Tally.HasUnexpectedDisconnect)}");

    private async Task CloseAllAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_closeWait);
        await Task.WhenAll(_clients.Where(c => c.Tally.IsAccepted).Select(c => c.CloseAsync(limit.Token))).ConfigureAwait(false);
    }

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

    private LoadReport Build(TimeSpan elapsed, ConnectionFigures before, ConnectionFigures during, ConnectionFigures after)
    {
        var tallies = _clients.Select(c => c.Tally).ToArray();
        var accepted = tallies.Where(t => t.IsAccepted).ToArray();
        var total = accepted.Sum(t => t.Total);
        var byType = accepted.SelectMany(t => t.Events())
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => new TypeShare(g.Key, g.Sum(e => e.Value), total == 0 ? 0 : Math.Round(g.Sum(e => e.Value) * 100.0 / total, 2)))
            .OrderByDescending(s => s.Count)
            .ToArray();
        var report = new LoadReport
        {
            Url = options.BaseAddress.ToString(),
            Transport = TransportNames.Of(options.Transport),
            Groups = options.Groups,
            Clients = options.Clients,
            DurationSeconds = options.Duration.TotalSeconds,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 3),
            MaxClients = before.MaxClients,
            Accepted = accepted.Length,
            Refused = tallies.Length - accepted.Length,
            RefusalReasons = tallies.Where(t => !t.IsAccepted)
                .GroupBy(t => $"{TransportNames.Of(t.Transport)}: {t.RefusalReason}", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ConnectMilliseconds = Spread.Of(tallies.Select(t => t.ConnectTime.TotalMilliseconds)),
            EventsTotal = total,
            EventsPerClient = accepted.Length == 0 ? 0 : Math.Round((double)total / accepted.Length, 2),
            EventsPerSecond = elapsed <= TimeSpan.Zero ? 0 : Math.Round(total / elapsed.TotalSeconds, 2),
            ByType = byType,
            PerClient = Spread.Of(accepted.Select(t => (double)t.Total)),
            UnexpectedDisconnects = tallies.Count(t => t.HasUnexpectedDisconnect),
            AgentBefore = before,
            AgentDuring = during,
            AgentAfter = after,
            Checks = [],
            ClientDetails = [.. tallies.Select(ClientReport.From)],
        };
        return report with { Checks = LoadChecks.Evaluate(report, tallies) };
    }
}
