using Monitor.Tui;
using Monitor.Model;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Monitor.Tests.Tui;

/// <summary>A MonitorApp on a headless Terminal.Gui application of a given size, with virtual time.</summary>
public sealed class HeadlessDashboard : IDisposable
{
    private readonly SessionToken? _session;

    private readonly IMonitorController _controller;

    public HeadlessDashboard(int width, int height, IMonitorController? controller = null, MonitorAppOptions? options = null)
    {
        Time = new VirtualTimeProvider();
        App = Application.Create(Time);
        App.Init("ansi");
        App.Driver!.SetScreenSize(width, height);
        _controller = controller ?? new FakeMonitorController();
        Monitor = new MonitorApp(App, _controller, options ?? new MonitorAppOptions { LogicalCpus = 2 });
        _session = App.Begin(Monitor.Dashboard);
        Draw();
    }

    /// <summary>A dashboard that was given <paramref name="snapshot"/> and has drawn it; watching another process
    /// (no workloads of its own) unless <paramref name="canRunWorkloads"/>.</summary>
    public static HeadlessDashboard Showing(Snapshot snapshot, int width = 80, int height = 24, bool canRunWorkloads = false)
    {
        var dashboard = new HeadlessDashboard(width, height, new FakeMonitorController(canRunWorkloads));
        dashboard.Controller.RaiseSnapshot(snapshot);
        dashboard.Settle();
        return dashboard;
    }

    public VirtualTimeProvider Time { get; }
    public IApplication App { get; }
    /// <summary>The fake controller the dashboard was made with (tests that pass a real one do not use this).</summary>
    public FakeMonitorController Controller => (FakeMonitorController)_controller;
    public MonitorApp Monitor { get; }

    public IReadOnlyList<string> Lines => ScreenCapture.Lines(App);

    public string Screen => string.Join('\n', ScreenCapture.Lines(App));

    /// <summary>Runs what was queued with Invoke, then lays out and draws what needs it.</summary>
    public void Draw()
    {
        App.TimedEvents?.RunTimers();
        App.LayoutAndDraw();
    }

    /// <summary>Draws, then draws again: a layout change makes Terminal.Gui clear and redraw everything once more.</summary>
    public void Settle()
    {
        Draw();
        App.LayoutAndDraw();
    }

    /// <summary>For controllers that raise events from their own threads: draws until the screen shows what the test
    /// waits for; the timeout is a hang guard.</summary>
    public string WaitForScreen(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            Draw();
            if (condition(Screen)) return Screen;
            Thread.Sleep(50);
        }
        throw new TimeoutException($"the screen never showed {what}:\n{Screen}");
    }

    public void Press(Key key)
    {
        App.InjectKey(key);
        Draw();
    }

    public void Resize(int width, int height)
    {
        App.Driver!.SetScreenSize(width, height);
        Draw();
    }

    public void Dispose()
    {
        Monitor.Dispose();
        if (_session is not null)
        {
            App.End(_session);
        }
        App.Dispose();
    }
}
