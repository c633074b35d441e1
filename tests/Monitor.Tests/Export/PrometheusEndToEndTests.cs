using Monitor.Tests.Fidelity;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Export;

/// <summary>
/// The whole path with the real engine: a Prometheus server (Debian's package) scrapes `monitor run --prometheus`
/// every 500 ms (each scrape may take as long: a loaded machine) while the run also prints its snapshots as JSON; afterwards the test reads what Prometheus stored
/// through its HTTP API. Every stored value must be the figure of one of the run's JSON snapshots (to the JSON's own
/// rounding: 0.05 ms for CPU times, exact for counts), and that snapshot must be the one current when Prometheus
/// scraped (taken before the scrape, the next one after it; 1 s of slack either way for a loaded machine). Scrapes
/// after the last JSON line read (less the slack) are not compared: see <see cref="Comparable"/>.
/// </summary>
public sealed class PrometheusEndToEndTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [PrometheusFact]
    public async Task Prometheus_stores_the_figures_the_runs_json_gave_at_the_moments_it_scraped()
    {
        int port = LoopbackPort.Free();
        using var prometheus = await PrometheusServer.StartAsync([$"127.0.0.1:{port}"], TimeSpan.FromMilliseconds(500));
        using var run = BackgroundMonitor.Start("run", "--mode", "gil", "--workers", "2", "--n", "2e10", "--json", "--interval", "250",
            "--prometheus", $"127.0.0.1:{port}");
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        var snapshots = run.StdoutLines.Where(JsonLines.IsSnapshot).Select(JsonLines.Snapshot).ToArray();
        int worker = Assert.Single(snapshots.SelectMany(s => s.Processes).Where(p => p.Role == "worker").Select(p => p.Pid).Distinct());

        // The workload: iterations are exact counts.
        var iterations = Assert.Single(await prometheus.SamplesAsync("monitor_workload_iterations_total", Window));
        var compared = iterations.Samples.Where(s => Comparable(s.At, snapshots)).ToArray();
        Assert.True(compared.Length >= 2, $"Prometheus stored {iterations.Samples.Count} scrapes of the run, {compared.Length} before the run's last JSON line");
        Assert.Equal(("gil", "2", Environment.MachineName), (iterations.Labels["monitor_workload_mode"], iterations.Labels["monitor_workload_workers"], iterations.Labels["host_name"]));
        EachIsASnapshotsFigure(iterations.Samples, snapshots, s => s.Workload?.Iterations, 0, "iterations");

        // The worker process's CPU time: user + system, as the snapshot's cpuMs.
        var cpu = await prometheus.SamplesAsync($"process_cpu_time_seconds_total{{process_pid=\"{worker}\"}}", Window);
        Assert.Equal(["system", "user"], cpu.Select(s => s.Labels["cpu_mode"]).Order());
        EachIsASnapshotsFigure(SumByScrape(cpu), snapshots, s => s.Processes.FirstOrDefault(p => p.Pid == worker)?.CpuMs / 1000, 0.00005, "process CPU");

        // A worker thread's CPU time, by its name.
        var thread = Assert.Single(await prometheus.SamplesAsync($"monitor_thread_cpu_time_seconds_total{{process_pid=\"{worker}\",thread_name=\"sum-worker-0\"}}", Window));
        EachIsASnapshotsFigure(thread.Samples, snapshots, s => s.Threads.FirstOrDefault(t => t.Pid == worker && t.Name == "sum-worker-0")?.CpuMs / 1000, 0.00005, "worker thread CPU");

        // Contentions (the GIL makes many): the process's count, and its locks' series adding up to it.
        var contentions = Assert.Single(await prometheus.SamplesAsync($"dotnet_monitor_lock_contentions_total{{process_pid=\"{worker}\"}}", Window));
        Assert.True(contentions.Samples[^1].Value > 0, "the gil run contended");
        EachIsASnapshotsFigure(contentions.Samples, snapshots, s => s.Totals.ContentionCount, 0, "contentions");
        var locks = await prometheus.SamplesAsync($"monitor_lock_contentions_total{{process_pid=\"{worker}\"}}", Window);
        Assert.NotEmpty(locks);
        EachIsASnapshotsFigure(SumByScrape(locks), snapshots, s => s.Totals.ContentionCount, 0, "contentions over the locks");

        // Prometheus saw the endpoint up.
        using var up = await prometheus.QueryAsync("max_over_time(up[10m])");
        Assert.Equal("1", up.RootElement.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());

        // Every query of the Grafana dashboard in docs/ is valid PromQL and finds the run's series (evaluated at the
        // last scrape that saw the worker's threads, all hosts and processes, rates over 5 s).
        await DashboardQueriesFindTheRunAsync(prometheus, thread.Samples[^1].At);
    }

    private static async Task DashboardQueriesFindTheRunAsync(PrometheusServer prometheus, DateTimeOffset at)
    {
        string dashboard = Path.Combine(RepositoryRoot(), "docs", "grafana-monitor.json");
        using var json = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(dashboard));
        var queries = json.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (Panel: p.GetProperty("title").GetString()!, Expr: t.GetProperty("expr").GetString()!)))
            .ToArray();
        Assert.True(queries.Length >= 10, $"{queries.Length} queries in {dashboard}");
        foreach (var (panel, expr) in queries)
        {
            string query = expr.Replace("$host", ".*").Replace("$process", ".*").Replace("$__rate_interval", "5s");
            using var result = await prometheus.QueryAsync(query, at);
            Assert.True(result.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0, $"panel '{panel}': {query} found nothing at {at:HH:mm:ss.fff}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monitor.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException($"no Monitor.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>The samples of series scraped together (a process's cpu modes, a process's locks), added up per scrape.</summary>
    private static IReadOnlyList<(DateTimeOffset At, double Value)> SumByScrape(IEnumerable<StoredSeries> series) =>
        series.SelectMany(s => s.Samples).GroupBy(s => s.At).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(s => s.Value))).ToArray();

    /// <summary>Whether the snapshot current at a scrape at <paramref name="at"/> is surely among the lines read: a scrape
    /// after the last line the test read (less the slack) has nothing to be compared with.</summary>
    private static bool Comparable(DateTimeOffset at, SnapshotLine[] snapshots) => at <= snapshots[^1].Time - Slack;

    private static void EachIsASnapshotsFigure(IEnumerable<(DateTimeOffset At, double Value)> stored, SnapshotLine[] snapshots, Func<SnapshotLine, double?> figure, double tolerance, string what)
    {
        foreach (var (at, value) in stored.Where(s => Comparable(s.At, snapshots)))
        {
            bool current = Enumerable.Range(0, snapshots.Length).Any(k =>
                figure(snapshots[k]) is { } f && Math.Abs(f - value) <= tolerance + 1e-9
                && snapshots[k].Time <= at + Slack
                && (k + 1 == snapshots.Length || snapshots[k + 1].Time >= at - Slack));
            Assert.True(current, $"{what}: Prometheus stored {value} at {at:HH:mm:ss.fff}; the snapshots around then gave " +
                string.Join(", ", snapshots.Where(s => Math.Abs((s.Time - at).TotalSeconds) < 3).Select(s => $"{figure(s)} at {s.Time:HH:mm:ss.fff}")));
        }
    }
}
