using System.Net;
using System.Net.Sockets;
using Monitor.Export;
using Monitor.Model;

namespace Monitor.Tests.Export;

/// <summary>The scrape endpoint of the exporter in this process, fed snapshots made here, read as Prometheus reads it
/// (<see cref="PrometheusText"/>): names, units, labels and values as the snapshots gave them.</summary>
public sealed class ScrapeEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task A_scrape_gives_each_snapshot_figure_under_its_semantic_convention_name_with_its_labels()
    {
        var endpoint = new PrometheusEndpoint(IPAddress.Loopback, LoopbackPort.Free());
        using var sink = OpenTelemetryExportSink.Start(new ExportSettings(endpoint, null), MeterName());
        var snapshot = ExportViewTests.Snap(1, [ExportViewTests.Thread(11, "sum-worker-0", cpuMs: 900, waitPercent: 20, blockedPerSec: 3), ExportViewTests.Thread(12, ".NET TP Worker", cpuMs: 40)],
            cpuMs: 1500, userMs: 1200, locks: [ExportViewTests.Lock(0xBEEF, 4, 8)], contentions: (4, 8)) with
        {
            Workload = new WorkloadInfo(RunMode.Gil, WorkKind.Cpu, WorkerRuntime.Dotnet, 2, 10_000, 1, 4_000, false),
            Totals = ExportViewTests.Snap(1, []).Totals with { Progress = 0.4, EffectiveParallelism = 0.97 },
        };
        snapshot = snapshot with { Processes = [snapshot.Processes[0] with { Runtime = new RuntimeSample(ThreadPoolThreads: 5, ThreadPoolQueueLength: 2, ThreadPoolCompletedItems: 1000) }] };
        sink.SnapshotTaken(snapshot);

        var scrape = PrometheusText.Parse(await Http.GetStringAsync(endpoint.LocalUrl));

        string pid = "7001";
        Assert.Equal("counter", scrape.Types["process_cpu_time_seconds_total"]);
        var cpu = scrape.Named("process_cpu_time_seconds_total").Where(s => s.Label("process_pid") == pid).ToDictionary(s => s.Label("cpu_mode"), s => s.Value);
        Assert.Equal(1.2, cpu["user"], 9);
        Assert.Equal(0.3, cpu["system"], 9);
        var memory = Assert.Single(scrape.Named("process_memory_usage_bytes"), s => s.Label("process_pid") == pid);
        Assert.Equal(50 << 20, memory.Value);
        Assert.Equal("app", memory.Label("process_executable_name"));
        Assert.Equal("external", memory.Label("monitor_process_role"));
        Assert.Equal(Environment.MachineName, memory.Label("host_name"));
        Assert.Equal(2, Assert.Single(scrape.Named("process_thread_count")).Value);
        Assert.Equal(3, Assert.Single(scrape.Named("dotnet_gc_collections_total")).Value);
        Assert.Equal(4, Assert.Single(scrape.Named("dotnet_monitor_lock_contentions_total")).Value);
        Assert.Equal(4 << 20, Assert.Single(scrape.Named("monitor_gc_heap_size_bytes")).Value);
        Assert.Equal(5, Assert.Single(scrape.Named("dotnet_thread_pool_thread_count")).Value);
        Assert.Equal(2, Assert.Single(scrape.Named("dotnet_thread_pool_queue_length")).Value);
        Assert.Equal(1000, Assert.Single(scrape.Named("dotnet_thread_pool_work_item_count_total")).Value);

        var worker = Assert.Single(scrape.Named("monitor_thread_cpu_time_seconds_total"), s => s.Label("thread_name") == "sum-worker-0");
        Assert.Equal(0.9, worker.Value, 9);
        Assert.Equal(0.2, Assert.Single(scrape.Named("monitor_thread_cpu_wait_time_seconds_total"), s => s.Label("thread_name") == "sum-worker-0").Value, 9);
        Assert.Equal(3, Assert.Single(scrape.Named("monitor_thread_context_switches_total"),
            s => s.Label("thread_name") == "sum-worker-0" && s.Label("process_context_switch_type") == "voluntary").Value, 9);
        Assert.Equal(0.1, Assert.Single(scrape.Named("monitor_thread_cpu_utilization"), s => s.Label("thread_name") == ".NET TP Worker").Value, 9);

        var beef = Assert.Single(scrape.Named("monitor_lock_contentions_total"));
        Assert.Equal(("0xbeef", 4.0), (beef.Label("monitor_lock_id"), beef.Value));
        Assert.Equal(0.008, Assert.Single(scrape.Named("monitor_lock_wait_time_seconds_total")).Value, 9);

        var iterations = Assert.Single(scrape.Named("monitor_workload_iterations_total"));
        Assert.Equal(("gil", "2", 4000.0), (iterations.Label("monitor_workload_mode"), iterations.Label("monitor_workload_workers"), iterations.Value));
        Assert.Equal(0.4, Assert.Single(scrape.Named("monitor_workload_progress")).Value, 9);
        Assert.Equal(0.97, Assert.Single(scrape.Named("monitor_workload_effective_parallelism")).Value, 9);
    }

    [Fact]
    public async Task An_exited_process_leaves_the_scrape()
    {
        var endpoint = new PrometheusEndpoint(IPAddress.Loopback, LoopbackPort.Free());
        using var sink = OpenTelemetryExportSink.Start(new ExportSettings(endpoint, null), MeterName());
        sink.SnapshotTaken(ExportViewTests.Snap(1, [ExportViewTests.Thread(11, "w", cpuMs: 10)]));
        Assert.Contains(PrometheusText.Parse(await Http.GetStringAsync(endpoint.LocalUrl)).Samples, s => s.Labels.ContainsKey("process_pid"));

        sink.SnapshotTaken(ExportViewTests.Snap(2, [], exited: true));
        // The SDK caches a scrape's response briefly (300 ms): a later scrape reads the later snapshot.
        await Task.Delay(400);
        var after = PrometheusText.Parse(await Http.GetStringAsync(endpoint.LocalUrl));
        Assert.DoesNotContain(after.Samples, s => s.Labels.ContainsKey("process_pid"));
    }

    [Fact]
    public async Task The_endpoint_serves_the_metrics_path_only()
    {
        var endpoint = new PrometheusEndpoint(IPAddress.Loopback, LoopbackPort.Free());
        using var sink = OpenTelemetryExportSink.Start(new ExportSettings(endpoint, null), MeterName());
        using var other = await Http.GetAsync(new Uri(endpoint.LocalUrl, "/"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        using var localhost = await Http.GetAsync($"http://localhost:{endpoint.Port}{PrometheusEndpoint.Path}");
        Assert.Equal(HttpStatusCode.OK, localhost.StatusCode);
    }

    [Fact]
    public void A_port_in_use_is_refused_with_a_message_naming_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var e = Assert.Throws<ExportUnavailableException>(() =>
            OpenTelemetryExportSink.Start(new ExportSettings(new PrometheusEndpoint(IPAddress.Loopback, port), null), MeterName()));
        Assert.Contains($"127.0.0.1:{port}", e.Message);
    }

    [Theory]
    [InlineData(null, "127.0.0.1:9464")]
    [InlineData("9470", "127.0.0.1:9470")]
    [InlineData(":9470", "127.0.0.1:9470")]
    [InlineData("localhost:9470", "127.0.0.1:9470")]
    [InlineData("0.0.0.0:9470", "0.0.0.0:9470")]
    [InlineData("10.1.2.3", "10.1.2.3:9464")]
    public void Endpoints_parse_to_loopback_unless_an_address_is_given(string? text, string expected)
    {
        Assert.True(PrometheusEndpoint.TryParse(text, out var endpoint, out _));
        Assert.Equal(expected, endpoint.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("[::1]:9464")]
    [InlineData("host.example:9464")]
    [InlineData("1.2.3:9464")]
    public void Bad_endpoints_are_refused(string text)
    {
        Assert.False(PrometheusEndpoint.TryParse(text, out _, out string? error));
        Assert.Contains(text, error);
    }

    /// <summary>A meter of this test's own: the SDK picks meters by name, and tests run side by side.</summary>
    private static string MeterName() => "Monitor.Tests." + Guid.NewGuid().ToString("N");
}
