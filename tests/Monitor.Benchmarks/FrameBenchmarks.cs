using BenchmarkDotNet.Attributes;
using Monitor.Model;
using Monitor.Tests.Tui;
using Monitor.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Time;

namespace Monitor.Benchmarks;

/// <summary>
/// One frame of the dashboard: a new snapshot applied (panels re-rendered to text, the changed ones marked dirty),
/// then laid out and drawn by Terminal.Gui's headless ANSI driver, as the UI loop does once per interval. Also the
/// worst case, a full redraw (after a resize). The snapshots vary in every figure so every panel really changes.
/// </summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private IApplication _app = null!;
    private MonitorApp _monitor = null!;
    private SessionToken? _session;
    private Snapshot[] _snapshots = [];
    private int _next;

    [Params("80x24", "200x60")]
    public string Size { get; set; } = "80x24";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        _app = Application.Create(new VirtualTimeProvider());
        _app.Init("ansi");
        _app.Driver!.SetScreenSize(int.Parse(parts[0]), int.Parse(parts[1]));
        _monitor = new MonitorApp(_app, new FakeMonitorController { IsRunning = true }, new MonitorAppOptions { LogicalCpus = 2 });
        _session = _app.Begin(_monitor.Dashboard);
        _snapshots = Enumerable.Range(0, 32).Select(Varied).ToArray();
        foreach (var mode in new[] { "single", "threads", "processes", "gil" })
        {
            _monitor.AddResult(CannedSnapshots.Summary(mode, 10_000));
        }
        _app.LayoutAndDraw(true);
    }

    /// <summary>The gil snapshot of a 4-worker run at second <paramref name="i"/>, with every rate nudged.</summary>
    private static Snapshot Varied(int i)
    {
        var s = CannedSnapshots.Gil(10 + i);
        double k = 1 + (i % 7) * 0.013;
        return s with
        {
            Threads = s.Threads.Select(t => t with { CpuPercent = t.CpuPercent * k, IterationsPerSec = t.IterationsPerSec * k }).ToArray(),
            Totals = s.Totals with { CpuPercent = s.Totals.CpuPercent * k, IterationsPerSec = s.Totals.IterationsPerSec * k, WorkingSetBytes = s.Totals.WorkingSetBytes + i * 4096 },
        };
    }

    [Benchmark(Description = "snapshot -> frame")]
    public void SnapshotToFrame()
    {
        _monitor.ApplySnapshot(_snapshots[_next++ % _snapshots.Length]);
        _app.LayoutAndDraw();
    }

    [Benchmark(Description = "full redraw")]
    public void FullRedraw() => _app.LayoutAndDraw(true);

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitor.Dispose();
        if (_session is not null) _app.End(_session);
        _app.Dispose();
    }
}
