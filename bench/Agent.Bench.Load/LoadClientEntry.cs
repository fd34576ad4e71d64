using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agent.Bench.Payloads;

namespace Agent.Bench.Load;

/// <summary>
/// The load client: connects N clients to one server, measures the server's memory per idle connection, then asks
/// the server for each run and counts what arrives. It writes one JSON result file.
/// </summary>
internal static class LoadClientEntry
{
    private const int ConnectParallelism = 64;

    private static readonly TimeSpan s_connectBudget = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan s_idleSample = TimeSpan.FromSeconds(2);

    public static async Task<int> Main(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var recorder = new Recorder();
        var result = new JsonObject
        {
            ["label"] = options.Label,
            ["transport"] = options.Transport,
            ["clients"] = options.Clients,
        };

        using var connectTimeout = new CancellationTokenSource(s_connectBudget);

        // The memory baseline is taken after one connection, not before any: what the first connection costs once (the
        // code of the connection path, a library the handshake loads) is no cost of each connection, and spread over
        // N it would be counted as one. Every server is measured this way. A server that refuses its first client
        // cannot be measured at all, so that failure ends the run with its reason.
        IAsyncDisposable first;
        try
        {
            first = await ConnectOneAsync(options, recorder, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException($"The first connection to {options.Url} failed: {ex.Message}", ex);
        }

        await Task.Delay(s_idleSample).ConfigureAwait(false);
        var before = ProcSample.Read(options.ServerPid);

        // connect_seconds times the other N - 1 connections, after the baseline.
        var clock = Stopwatch.StartNew();
        var clients = await ConnectAllAsync(options with { Clients = Math.Max(0, options.Clients - 1) }, recorder, connectTimeout.Token)
            .ConfigureAwait(false);
        clients.Insert(0, first);
        result["connect_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        result["connected"] = clients.Count;

        // A fixed pause is the measurement here: the server's resident memory once the connections are idle.
        await Task.Delay(s_idleSample).ConfigureAwait(false);
        var idle = ProcSample.Read(options.ServerPid);
        result["server_rss_after_first_bytes"] = before.ResidentBytes;
        result["server_rss_idle_bytes"] = idle.ResidentBytes;
        result["idle_bytes_per_connection"] = clients.Count > 1 ? (idle.ResidentBytes - before.ResidentBytes) / (clients.Count - 1) : 0;

        using var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromMinutes(3) };
        await WarmUpAsync(options, clients.Count, recorder, http).ConfigureAwait(false);

        var runs = new JsonArray();
        foreach (var run in options.Runs)
        {
            runs.Add(await MeasureAsync(options, run, clients.Count, recorder, http).ConfigureAwait(false));
        }

        result["runs"] = runs;
        await File.WriteAllTextAsync(options.Out, result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))
            .ConfigureAwait(false);

        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        return 0;
    }

    private static async Task<List<IAsyncDisposable>> ConnectAllAsync(LoadOptions options, Recorder recorder, CancellationToken cancellationToken)
    {
        var clients = new List<IAsyncDisposable>(options.Clients);
        var failures = 0;
        await Parallel.ForAsync(
                0,
                options.Clients,
                new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
                async (_, token) =>
                {
                    try
                    {
                        var client = await ConnectOneAsync(options, recorder, token).ConfigureAwait(false);
                        lock (clients)
                        {
                            clients.Add(client);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        if (Interlocked.Increment(ref failures) == 1)
                        {
                            await Console.Error.WriteLineAsync($"connect failed: {ex.Message}").ConfigureAwait(false);
                        }
                    }
                })
            .ConfigureAwait(false);
        return clients;
    }

    private static async Task<IAsyncDisposable> ConnectOneAsync(LoadOptions options, Recorder recorder, CancellationToken cancellationToken)
    {
        var http = new Uri(options.Url, options.Path);
        if (options.Transport == "raw")
        {
            var ws = new UriBuilder(http) { Scheme = "ws" }.Uri;
            return await RawLoadClient.ConnectAsync(ws, recorder, cancellationToken).ConfigureAwait(false);
        }

        return await HubLoadClient.ConnectAsync(http, options.Transport == "msgpack", recorder, cancellationToken).ConfigureAwait(false);
    }

    // Every server starts cold: .NET's tiered JIT and V8 both compile the hot path again once it has run a while. One
    // short saturation run of each topic, not recorded, brings each server to its steady state before it is measured.
    private static async Task WarmUpAsync(LoadOptions options, int connected, Recorder recorder, HttpClient http)
    {
        if (options.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        foreach (var topic in new[] { "system", "disk" })
        {
            var seconds = options.WarmUp.TotalSeconds;
            await MeasureAsync(options, new RunSpec(topic, 0, seconds), connected, recorder, http).ConfigureAwait(false);
        }
    }

    // During a run the client's threads are busy with receives, and a request or a timer continuation queued behind
    // them can come back seconds late (with a client that saturated its thread pool, "2 s" runs lasted up to 19 s,
    // counting the client's backlog). A run is therefore asked for, timed and waited on from a thread of its own, with
    // blocking calls.
    private static Task<JsonObject> MeasureAsync(LoadOptions options, RunSpec run, int connected, Recorder recorder, HttpClient http) =>
        Task.Factory.StartNew(
            () => Measure(options, run, connected, recorder, http),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private static JsonObject Measure(LoadOptions options, RunSpec run, int connected, Recorder recorder, HttpClient http)
    {
        // What is still queued from the previous run would count in this one.
        WaitQuiet(recorder, options.Quiet, TimeSpan.FromSeconds(30));

        var rate = run.Rate > 0 ? run.Rate : BenchSchedule.SaturationRate(connected);
        var serverBefore = ProcSample.Read(options.ServerPid);
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        recorder.Start(latency: run.Rate > 0);
        var clock = Stopwatch.StartNew();
        var query = FormattableString.Invariant($"bench/run?topic={run.Topic}&rate={rate}&seconds={run.Seconds}");
        using var response = http.Send(new HttpRequestMessage(HttpMethod.Get, query));
        response.EnsureSuccessStatusCode();
        using var body = new StreamReader(response.Content.ReadAsStream());
        var answer = JsonNode.Parse(body.ReadToEnd())!;

        // The last events are still on their way when the server answers (at saturation, a slow client's queue); they
        // belong to the run, as the server's CPU spent on them does. The wait is bounded, so a run stays near its length
        // (at saturation more tightly: what a slow client has not taken within a second says it was the bottleneck).
        WaitQuiet(recorder, options.Quiet, TimeSpan.FromSeconds(run.Rate > 0 ? 3 : 1));

        recorder.Stop();
        var wall = clock.Elapsed.TotalSeconds;
        var serverCpu = ProcSample.Read(options.ServerPid).CpuSeconds - serverBefore.CpuSeconds;
        var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;

        // Rates and core shares are taken over the span the deliveries took. The quiet wait that ends a run (at least
        // one quiet time after the last delivery) is the harness making sure, not the server delivering; counting it
        // would lower every server's rate by a share that depends on how long its run lasted.
        var span = recorder.DeliverySpan.TotalSeconds is var delivering and > 0 ? delivering : wall;
        return RunFigures.Describe(run with { Rate = rate }, run.Mode, connected, recorder, answer, span, wall, serverCpu, clientCpu);
    }

    // Waits until nothing has arrived for the quiet time, at most for the limit. A long quiet time rides out the
    // pauses of a loaded machine, which would otherwise end the wait while messages are still queued.
    private static void WaitQuiet(Recorder recorder, TimeSpan quiet, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        var last = recorder.Seen;
        while (deadline.Elapsed < limit)
        {
            Thread.Sleep(quiet);
            var now = recorder.Seen;
            if (now == last)
            {
                return;
            }

            last = now;
        }
    }
}
