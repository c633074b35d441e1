using System.Diagnostics;
using Monitor.Tests.Reliability;

namespace Monitor.Tests.Export.Otlp;

/// <summary>`monitor export --otlp` pushing to a receiver in the test that decodes the protobuf with the protocol's
/// message definitions: the names, units, kinds and attributes of the semantic conventions, a resource that says who
/// sent it, and values the OS agrees with.</summary>
public sealed class OtlpExportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Export_pushes_cumulative_sums_and_gauges_over_otlp_http_with_the_conventions_names()
    {
        using var receiver = new OtlpReceiver();
        using var target = BusyDotnetTarget.Start();
        await target.WaitForDiagnosticSocket();
        double cpuBefore = Scrapes.ProcCpuSeconds(target.Pid);
        string pid = target.Pid.ToString();
        using var export = BackgroundMonitor.Start(
            ["export", "--pid", pid, "--otlp", receiver.Url.ToString(), "--interval", "200"],
            new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_METRIC_EXPORT_INTERVAL"] = "500" });

        var clock = Stopwatch.StartNew();
        OtlpPoint[] points;
        while (true)
        {
            points = receiver.Requests.SelectMany(OtlpPoint.Of).ToArray();
            if (points.Any(p => p.Metric.Name == "monitor.thread.cpu.time" && p.Attributes.GetValueOrDefault("process.pid") == pid
                              && p.Attributes.GetValueOrDefault("thread.name") == "sum-worker-0" && p.Value > 0.1)) break;
            if (clock.Elapsed > Bound) throw new TimeoutException($"no export of process {pid}'s threads within {Bound}: {receiver.Requests.Count} requests; {string.Join("; ", receiver.Problems)}\n{export}");
            await Task.Delay(200);
        }
        double cpuAfter = Scrapes.ProcCpuSeconds(target.Pid);
        Assert.Empty(receiver.Problems);

        // The latest push of each series.
        var latest = points.GroupBy(p => (p.Metric.Name, string.Join(",", p.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}"))))
            .Select(g => g.MaxBy(p => p.Point.TimeUnixNano)!).ToArray();
        var cpu = latest.Where(p => p.Metric.Name == "process.cpu.time" && p.Attributes["process.pid"] == pid).ToArray();
        Assert.Equal(["system", "user"], cpu.Select(p => p.Attributes["cpu.mode"]).Order());
        Assert.All(cpu, p =>
        {
            Assert.Equal("s", p.Metric.Unit);
            Assert.Equal(Metric.DataOneofCase.Sum, p.Metric.DataCase);
            Assert.True(p.Metric.Sum.IsMonotonic);
            Assert.Equal(AggregationTemporality.Cumulative, p.Metric.Sum.AggregationTemporality);
            Assert.Equal("monitor", p.Attributes["process.executable.name"]);
            Assert.Equal("external", p.Attributes["monitor.process.role"]);
            Assert.Equal("monitor", p.Resource["service.name"]);
            Assert.Equal(Environment.MachineName, p.Resource["host.name"]);
        });
        Assert.InRange(cpu.Sum(p => p.Value), 0.05, cpuAfter - cpuBefore + 0.02);

        var memory = Assert.Single(latest, p => p.Metric.Name == "process.memory.usage" && p.Attributes["process.pid"] == pid);
        Assert.Equal(("By", Metric.DataOneofCase.Sum, false), (memory.Metric.Unit, memory.Metric.DataCase, memory.Metric.Sum.IsMonotonic));
        Assert.InRange(memory.Value, 10 << 20, 2L << 30);
        var worker = Assert.Single(latest, p => p.Metric.Name == "monitor.thread.cpu.time" && p.Attributes["process.pid"] == pid && p.Attributes["thread.name"] == "sum-worker-0");
        Assert.InRange(worker.Value, 0.1, cpuAfter - cpuBefore + 0.02);
        Assert.Contains(latest, p => p.Metric.Name == "monitor.thread.cpu.utilization" && p.Metric.DataCase == Metric.DataOneofCase.Gauge);

        // Stopped, the exporter pushes once more: what it knew last is not lost.
        int before = receiver.Requests.Count;
        export.Signal(PosixSignals.SIGTERM);
        Assert.Equal(0, await export.WaitForExitAsync(Bound));
        Assert.True(receiver.Requests.Count > before, "no last push when the export ended");
    }
}
