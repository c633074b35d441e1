using Monitor.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace Monitor.Tests.Tui;

/// <summary>A MonitorApp on a headless Terminal.Gui application of a given size, with virtual time.</summary>
public sealed class HeadlessDashboard : IDisposable
{
    private readonly SessionToken? _session;

    public HeadlessDashboard(int width, int height, FakeMonitorController? controller = null, MonitorAppOptions? options = null)
    {
        Time = new VirtualTimeProvider();
        App = Application.Create(Time);
        App.Init("ansi");
        App.Driver!.SetScreenSize(width, height);
        Controller = controller ?? new FakeMonitorController();
        Monitor = new MonitorApp(App, Controller, options ?? new MonitorAppOptions { LogicalCpus = 2 });
        _session = App.Begin(Monitor.Dashboard);
        Draw();
    }

    public VirtualTimeProvider Time { get; }
    public IApplication App { get; }
    public FakeMonitorController Controller { get; }
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
