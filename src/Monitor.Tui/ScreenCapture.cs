using System.Text;
using Monitor.Model;
using Terminal.Gui.App;
using Terminal.Gui.Time;

namespace Monitor.Tui;

/// <summary>The screen as plain text lines: for tests, and for text captures of the dashboard in docs/.</summary>
public static class ScreenCapture
{
    /// <summary>What <paramref name="app"/> has drawn, one string per row, trailing blanks trimmed.</summary>
    public static IReadOnlyList<string> Lines(IApplication app)
    {
        var contents = app.Driver?.Contents ?? throw new InvalidOperationException("the application has no driver");
        var lines = new List<string>(contents.GetLength(0));
        for (int row = 0; row < contents.GetLength(0); row++)
        {
            var line = new StringBuilder(contents.GetLength(1));
            for (int col = 0; col < contents.GetLength(1); col++)
            {
                string grapheme = contents[row, col].Grapheme;
                line.Append(string.IsNullOrEmpty(grapheme) ? " " : grapheme);
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    /// <summary>
    /// Draws the dashboard off-screen at a given size after the given snapshots and finished runs, and returns it
    /// as text. Touches no terminal.
    /// </summary>
    public static IReadOnlyList<string> Render(
        int width,
        int height,
        IEnumerable<Snapshot> snapshots,
        IEnumerable<RunSummary> results,
        WorkloadSettings settings,
        MonitorAppOptions? options = null)
    {
        using IApplication app = Application.Create(new VirtualTimeProvider());
        app.Init("ansi");
        app.Driver!.SetScreenSize(width, height);
        using var monitor = new MonitorApp(app, new StillController(settings), options);
        var session = app.Begin(monitor.Dashboard);
        try
        {
            foreach (var snapshot in snapshots)
            {
                monitor.ApplySnapshot(snapshot);
            }
            foreach (var result in results)
            {
                monitor.AddResult(result);
            }
            app.LayoutAndDraw(true);
            return Lines(app);
        }
        finally
        {
            if (session is not null)
            {
                app.End(session);
            }
        }
    }

    /// <summary>A controller that never runs anything: the capture only shows what it is given.</summary>
    private sealed class StillController(WorkloadSettings settings) : IMonitorController
    {
        public bool CanRunWorkloads => true;
        public WorkloadSettings Settings => settings;
        public bool IsRunning => false;
        public string? RecordingStatus => null;
        public void Start(WorkloadSettings next) { }
        public void Stop() { }
        public void Compare(WorkloadSettings settings) { }
        public void ToggleRecording() { }
        public void Connect(IMonitorSink sink) { }
        public void Disconnect(IMonitorSink sink) { }
        public event Action<string>? StatusChanged { add { } remove { } }
    }
}
