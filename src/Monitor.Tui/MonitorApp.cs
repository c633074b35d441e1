using System.Collections.Concurrent;
using System.Drawing;
using Monitor.Model;
using Monitor.Tui.Input;
using Monitor.Tui.Panels;
using Monitor.Tui.State;
using Monitor.Tui.Text;
using Monitor.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using KeyBinding = Monitor.Tui.Input.KeyBinding;

namespace Monitor.Tui;

/// <summary>
/// The dashboard on one <see cref="IApplication"/>: applies snapshots and finished runs from the controller (on the UI
/// loop, whatever thread raised them), turns keys into commands through its <see cref="KeyMap"/>, and refreshes only
/// the panels whose text changed. Which panels there are, where they go and their own keys come from
/// <see cref="MonitorAppOptions.Panels"/> (<see cref="PanelRegistry"/>).
/// </summary>
public sealed class MonitorApp : IMonitorSink, IDisposable
{
    private readonly IApplication _app;
    private readonly IMonitorController _controller;
    private readonly Glyphs _glyphs;
    private readonly IReadOnlyList<PanelDefinition> _panels;
    private readonly KeyMap _keys;
    private readonly ConcurrentQueue<RunSummary> _pendingResults = new();
    private Snapshot? _pendingSnapshot;
    private int _selectedPanel;
    private int[] _lastWanted = [];
    private volatile bool _disposed;
    private Action? _suspend;

    public MonitorApp(IApplication app, IMonitorController controller, MonitorAppOptions? options = null)
    {
        options ??= new MonitorAppOptions();
        _app = app;
        _controller = controller;
        _glyphs = options.Ascii ? Glyphs.Ascii : Glyphs.Unicode;
        _panels = [.. options.Panels.Where(p => p.ShownWhen(controller.CanRunWorkloads))];
        _keys = new KeyMap(_panels);
        var palette = options.Monochrome ? Palette.Monochrome() : Palette.Colored();
        State = new DashboardState(controller.Settings, controller.CanRunWorkloads, options.LogicalCpus)
        {
            IsRunning = controller.IsRunning,
            RecordingStatus = controller.RecordingStatus,
            Status = controller.CanRunWorkloads ? "press ? for help" : "watching: workload keys are off; press ? for help",
            Keys = _keys,
        };

        PanelView Panel(string? title, Func<DashboardState, int, Glyphs, PanelContent> render) =>
            new(title, width => render(State, width, _glyphs), palette, _glyphs);
        Dashboard = new DashboardView(
            size => DashboardLayout.Compute(size, _panels, WantedRows(), HelpPanel.LineCount(_keys)),
            Panel(null, HeaderPanel.Render),
            [.. _panels.Select(p => Panel(p.Title, p.Render))],
            Panel(null, KeyBarPanel.Render),
            Panel(null, HelpPanel.Render),
            new TooSmallView(palette, DashboardLayout.MinHeightFor(_panels)));
        Dashboard.Help.BorderStyle = Terminal.Gui.Drawing.LineStyle.Single;
        Dashboard.Help.Title = "Help";
        Dashboard.SetScheme(palette.Scheme);
        Dashboard.Registered[0].Selected = true;

        _app.Keyboard.KeyDown += OnKeyDown;
        _controller.Connect(this);
        _controller.StatusChanged += OnStatusChanged;
    }

    public DashboardView Dashboard { get; }

    public DashboardState State { get; }

    public bool IsHelpOpen => Dashboard.Help.Visible;

    /// <summary>
    /// Runs the dashboard in the terminal until the user quits or <paramref name="stop"/> is cancelled (SIGTERM,
    /// SIGHUP when the SSH session drops). Blocks; the caller stops any run afterwards, and prints only after this
    /// returns (output written while it runs goes to the alternate screen and is lost).
    /// </summary>
    public static void Run(IMonitorController controller, MonitorAppOptions options, CancellationToken stop = default) =>
        Run(() => controller, options, stop);

    /// <summary>
    /// As <see cref="Run(IMonitorController, MonitorAppOptions, CancellationToken)"/>, with the controller made once the
    /// terminal is initialised: what the controller needs first (a calibration worker) runs while Terminal.Gui starts,
    /// instead of before it, so the first frame comes sooner.
    /// </summary>
    public static void Run(Func<IMonitorController> controller, MonitorAppOptions options, CancellationToken stop = default)
    {
        IApplication app = Application.Create();
        try
        {
            // The shell's terminal mode, before Terminal.Gui switches to raw: what Ctrl+Z gives back.
            byte[]? shellMode = OperatingSystem.IsWindows() ? null : TerminalSuspension.ShellMode();
            app.Init(options.Driver);
            if (options.NoMouse)
            {
                DisableMouse(app);
            }
            using var monitor = new MonitorApp(app, controller(), options);
            using IDisposable? suspension = OperatingSystem.IsWindows() ? null : InstallSuspension(app, monitor, options, shellMode);
            using var stopping = stop.Register(() => monitor.OnUiLoop(() => app.RequestStop(monitor.Dashboard)));
            app.Run(monitor.Dashboard);
        }
        finally
        {
            Shutdown(app);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static IDisposable? InstallSuspension(IApplication app, MonitorApp monitor, MonitorAppOptions options, byte[]? shellMode)
    {
        var suspension = TerminalSuspension.Install(app, monitor.OnUiLoop, !options.NoMouse, monitor.RedrawAll, shellMode);
        monitor._suspend = suspension is null ? null : suspension.Suspend;
        return suspension;
    }

    /// <summary>How long restoring the terminal may take before Monitor gives up on it.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Restores the terminal. When the terminal itself has gone (SIGHUP after an SSH connection dropped), Terminal.Gui
    /// 2.5.0's input reader spins on the dead terminal and its Dispose waits for that reader forever: give up after
    /// <see cref="ShutdownTimeout"/>, so Monitor still ends (the reader is a background thread and ends with it).
    /// </summary>
    private static void Shutdown(IApplication app)
    {
        var disposing = Task.Run(app.Dispose);
        try
        {
            disposing.Wait(ShutdownTimeout);
        }
        catch (AggregateException)
        {
            // Writing the restore sequences to a terminal that is gone fails: nothing left to restore.
        }
    }

    /// <summary>
    /// Terminal.Gui 2.5.0 has no switch to leave mouse reporting off: its ANSI output writes the enable sequences during
    /// Init. Writing the disable sequences right after stops the terminal sending mouse reports at all, and
    /// IsMouseDisabled makes the application ignore any that were already on their way.
    /// </summary>
    public static void DisableMouse(IApplication app)
    {
        app.Mouse.IsMouseDisabled = true;
        app.Driver?.WriteRaw(EscSeqUtils.CSI_DisableMouseEvents);
    }

    /// <summary>Applies one snapshot; UI thread only (controller events are marshalled here).</summary>
    public void ApplySnapshot(Snapshot snapshot)
    {
        State.Apply(snapshot);
        Refresh();
    }

    /// <summary>Adds one finished run to the results; UI thread only.</summary>
    public void AddResult(RunSummary summary)
    {
        State.AddResult(summary);
        Refresh();
        for (int i = 0; i < _panels.Count; i++)
        {
            if (_panels[i].ScrollsToEndOnResult)
            {
                Dashboard.Registered[i].ScrollToEnd();
            }
        }
    }

    public void ShowStatus(string message)
    {
        State.Status = message;
        Refresh();
    }

    private void Execute(KeyBinding binding)
    {
        var command = binding.Command;
        if (IsHelpOpen)
        {
            if (command is MonitorCommand.Help or MonitorCommand.Quit or MonitorCommand.Dismiss)
            {
                SetHelpOpen(false);
            }
            return;
        }
        if (_controller is IReplayControls replay && ExecuteReplay(replay, command))
        {
            return;
        }
        if (command is MonitorCommand.StepBack or MonitorCommand.StepForward or MonitorCommand.Slower or MonitorCommand.Faster)
        {
            ShowStatus("arrows left/right and < > move through a replay (monitor replay BUNDLE)");
            return;
        }
        if (binding.NeedsWorkloads && !State.CanRunWorkloads)
        {
            ShowStatus("not running workloads while watching another process or a replay");
            return;
        }
        switch (command)
        {
            case >= MonitorCommand.ModeSingle and <= MonitorCommand.ModeGil:
                // The keys 1-4 are the modes in their order.
                State.Settings = State.Settings.WithMode(RunMode.Single + (command - MonitorCommand.ModeSingle));
                StartNext();
                break;
            case MonitorCommand.MoreWorkers:
                ChangeNext(State.Settings.WithWorkers(State.Settings.Workers + 1));
                break;
            case MonitorCommand.FewerWorkers:
                ChangeNext(State.Settings.WithWorkers(State.Settings.Workers - 1));
                break;
            case MonitorCommand.BiggerN:
                ChangeNext(State.Settings.WithN(State.Settings.N > WorkloadLimits.MaxN / 10 ? WorkloadLimits.MaxN : State.Settings.N * 10));
                break;
            case MonitorCommand.SmallerN:
                ChangeNext(State.Settings.WithN(State.Settings.N / 10));
                break;
            case MonitorCommand.ToggleWork:
                ChangeNext(State.Settings.WithOtherWork());
                break;
            case MonitorCommand.StartStop:
                if (_controller.IsRunning)
                {
                    _controller.Stop();
                    ShowStatus("stopped");
                }
                else
                {
                    StartNext();
                }
                break;
            case MonitorCommand.Compare:
                _controller.Compare(State.Settings);
                ShowStatus("comparing: single, threads, processes, gil; each finished row joins the results");
                break;
            case MonitorCommand.ToggleRecording:
                _controller.ToggleRecording();
                Refresh();
                break;
            case MonitorCommand.PanelKey:
                binding.Press!(State);
                Refresh();
                break;
            case MonitorCommand.NextPanel:
                SelectPanel(_selectedPanel + 1);
                break;
            case MonitorCommand.PreviousPanel:
                SelectPanel(_selectedPanel - 1);
                break;
            case MonitorCommand.ScrollUp:
                SelectedPanel.ScrollBy(-1);
                break;
            case MonitorCommand.ScrollDown:
                SelectedPanel.ScrollBy(1);
                break;
            case MonitorCommand.PageUp:
                SelectedPanel.ScrollPage(-1);
                break;
            case MonitorCommand.PageDown:
                SelectedPanel.ScrollPage(1);
                break;
            case MonitorCommand.ScrollTop:
                SelectedPanel.ScrollTo(0);
                break;
            case MonitorCommand.ScrollBottom:
                SelectedPanel.ScrollToEnd();
                break;
            case MonitorCommand.Help:
                SetHelpOpen(true);
                break;
            case MonitorCommand.Quit:
                _app.RequestStop(Dashboard);
                break;
            case MonitorCommand.Suspend:
                // In a terminal: back to the shell until fg. Headless (tests, no terminal): nothing to give back.
                _suspend?.Invoke();
                break;
            case MonitorCommand.Dismiss:
                break;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _app.Keyboard.KeyDown -= OnKeyDown;
        _controller.Disconnect(this);
        _controller.StatusChanged -= OnStatusChanged;
    }

    private PanelView SelectedPanel => Dashboard.Registered[_selectedPanel];

    /// <summary>Every view laid out and drawn again: after a suspension the screen was the shell's.</summary>
    private void RedrawAll()
    {
        Dashboard.SetNeedsLayout();
        Dashboard.SetNeedsDraw();
        foreach (var panel in Dashboard.Panels)
        {
            panel.SetNeedsDraw();
        }
    }

    /// <summary>Space, arrows left/right and &lt; &gt; move through a recording; true when the key was one of them.</summary>
    private static bool ExecuteReplay(IReplayControls replay, MonitorCommand command)
    {
        switch (command)
        {
            case MonitorCommand.StartStop: replay.TogglePause(); return true;
            case MonitorCommand.StepBack: replay.Step(-1); return true;
            case MonitorCommand.StepForward: replay.Step(1); return true;
            case MonitorCommand.Slower: replay.ChangeSpeed(-1); return true;
            case MonitorCommand.Faster: replay.ChangeSpeed(1); return true;
            default: return false;
        }
    }

    private void StartNext()
    {
        var next = State.Settings;
        // single always means one worker; K is kept for the next threads/processes/gil run.
        var spec = next.Spec;
        _controller.Start(next with { Workers = spec.Workers });
        ShowStatus("started " + HeaderPanel.Describe(spec.Mode, spec.Workers, spec.Work, spec.N, _glyphs));
    }

    private void ChangeNext(WorkloadSettings next)
    {
        State.Settings = next;
        string what = HeaderPanel.Describe(next.Mode, next.Workers, next.Work, next.N, _glyphs);
        ShowStatus(_controller.IsRunning ? $"next run: {what} (space stops, 1-4 restarts)" : $"next run: {what} (space starts)");
    }

    private void SelectPanel(int index)
    {
        SelectedPanel.Selected = false;
        _selectedPanel = (index + Dashboard.Registered.Count) % Dashboard.Registered.Count;
        SelectedPanel.Selected = true;
    }

    private void SetHelpOpen(bool open)
    {
        Dashboard.Help.Visible = open;
        Dashboard.SetNeedsLayout();
        if (!open)
        {
            // What was under the overlay has to be drawn again.
            foreach (var panel in Dashboard.Panels)
            {
                panel.SetNeedsDraw();
            }
        }
    }

    private void Refresh()
    {
        State.IsRunning = _controller.IsRunning;
        State.RecordingStatus = _controller.RecordingStatus;
        var wanted = WantedRows();
        if (!wanted.SequenceEqual(_lastWanted))
        {
            _lastWanted = wanted;
            Dashboard.SetNeedsLayout();
        }
        foreach (var panel in Dashboard.Panels)
        {
            panel.Refresh();
        }
    }

    private int[] WantedRows() => [.. _panels.Select(p => p.WantedRows(State))];

    // Controller threads may still raise an event while the application shuts down; drop it rather than throw there.
    private void OnUiLoop(Action action)
    {
        if (!_disposed)
        {
            _app.Invoke(action);
        }
    }

    private void OnKeyDown(object? sender, Key key)
    {
        if (_keys.BindingFor(key) is { } binding)
        {
            Execute(binding);
            key.Handled = true;
        }
    }

    // Snapshots: only the newest one pending is drawn, so a slow terminal never builds a backlog.
    public void SnapshotTaken(Snapshot snapshot)
    {
        if (Interlocked.Exchange(ref _pendingSnapshot, snapshot) is null)
        {
            OnUiLoop(() =>
            {
                if (Interlocked.Exchange(ref _pendingSnapshot, null) is { } latest)
                {
                    ApplySnapshot(latest);
                }
            });
        }
    }

    public void RunStarted(RunStart run) { }

    public void RunFinished(RunSummary summary, RunStart? started)
    {
        _pendingResults.Enqueue(summary);
        OnUiLoop(() =>
        {
            while (_pendingResults.TryDequeue(out var next))
            {
                AddResult(next);
            }
        });
    }

    private void OnStatusChanged(string message) => OnUiLoop(() => ShowStatus(message));
}
