using Agent.LoadTest;

namespace Agent.Tests.LoadTest;

public sealed class ProcessReaderTests
{
    [Fact]
    public void ParseStatus_ProcStatusText_ReadsRssAndThreads()
    {
        var status = "Name:\tdotnet\nVmPeak:\t 3000000 kB\nVmRSS:\t  123456 kB\nThreads:\t27\n";

        var figures = ProcessReader.ParseStatus(status, openHandles: 40);

        Assert.Equal(new ProcessFigures(123456L * 1024, 40, 27), figures);
    }

    [Fact]
    public void ParseProcessMetrics_PrometheusText_ReadsUnlabelledProcessGauges()
    {
        var text = "# TYPE process_threads gauge\nprocess_threads 31\nprocess_resident_memory_bytes 1.5E+08\n" +
            "uma_connections{transport=\"raw\"} 2\nprocess_open_handles 212\n";

        var metrics = AgentApi.ParseProcessMetrics(text);

        Assert.Equal(31, metrics["process_threads"]);
        Assert.Equal(150_000_000, metrics["process_resident_memory_bytes"]);
        Assert.Equal(212, metrics["process_open_handles"]);
        Assert.DoesNotContain("uma_connections{transport=\"raw\"}", metrics.Keys);
    }

    [Fact]
    public async Task ReadAsync_OwnProcess_ReadsLiveFigures()
    {
        using var api = new AgentApi(new Uri("http://127.0.0.1:1/"));
        var reader = new ProcessReader(Environment.ProcessId, api);

        var figures = await reader.ReadAsync(CancellationToken.None);

        Assert.True(figures.ResidentBytes > 0);
        Assert.True(figures.OpenHandles > 0);
        Assert.True(figures.Threads > 0);
    }
}
