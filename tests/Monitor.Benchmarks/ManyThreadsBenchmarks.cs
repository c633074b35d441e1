using BenchmarkDotNet.Attributes;
using Monitor.Model;
using Monitor.Tests.Tui;
using Monitor.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Monitor.Benchmarks;

/// <summary>
/// The threads panel of an attached process with hundreds of threads, at 120x35: a new snapshot that reorders them
/// (filtered, grouped, sorted, rendered, drawn), and the cursor moved one row, which keeps its thread in sight.
/// </summary>
[MemoryDiagnoser]
public class ManyThreadsBenchmarks
{
    private IApplication _app = null!;
    private MonitorApp _monitor = null!;
    private SessionToken? _session;
    private Snapshot[] _snapshots = [];
    private int _next;

    [Params(500)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _app = Application.Create(new VirtualTimeProvider());
        _app.Init("ansi");
        _app.Driver!.SetScreenSize(120, 35);
        _monitor = new MonitorApp(_app, new FakeMonitorController(canRunWorkloads: false), new MonitorAppOptions { LogicalCpus = 2 });
        _session = _app.Begin(_monitor.Dashboard);
        _snapshots = [.. Enumerable.Range(0, 32).Select(i => CannedSnapshots.ServiceWithThreads(Threads, 5 + i))];
        _monitor.ApplySnapshot(_snapshots[0]);
        _app.InjectKey(Key.CursorDown);
        _app.LayoutAndDraw(true);
    }

    [Benchmark(Description = "500 threads: snapshot -> frame")]
    public void SnapshotToFrame()
    {
        _monitor.ApplySnapshot(_snapshots[_next++ % _snapshots.Length]);
        _app.LayoutAndDraw();
    }

    [Benchmark(Description = "500 threads: cursor down -> frame")]
    public void CursorDown()
    {
        _app.InjectKey(_next++ % 40 < 20 ? Key.CursorDown : Key.CursorUp);
        _app.LayoutAndDraw();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitor.Dispose();
        if (_session is not null) _app.End(_session);
        _app.Dispose();
    }
}
