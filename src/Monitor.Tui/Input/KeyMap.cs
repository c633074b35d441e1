using Monitor.Tui.Panels;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Monitor.Tui.Input;

/// <summary>
/// The one place that says which key does what: the keys of the dashboard, and between what runs and how to move
/// around, the keys its panels bring (<see cref="PanelDefinition.Keys"/>). The key bar and the help are drawn from it.
/// </summary>
public sealed class KeyMap
{
    private static readonly KeyBinding[] Workload =
    [
        new(MonitorCommand.ModeSingle, "1 2 3 4", "run single, threads, processes or gil (K behind one lock)", "1-4 mode", "1", []),
        new(MonitorCommand.ModeThreads, "2", null, null, "2", []),
        new(MonitorCommand.ModeProcesses, "3", null, null, "3", []),
        new(MonitorCommand.ModeGil, "4", null, null, "4", []),
        new(MonitorCommand.MoreWorkers, "+ -", "one worker (K) more or fewer for the next run", "+/- K", "+=", []),
        new(MonitorCommand.FewerWorkers, "-", null, null, "-_", []),
        new(MonitorCommand.BiggerN, "] [", "N x10 or /10 for the next run", "]/[ N", "]", []),
        new(MonitorCommand.SmallerN, "[", null, null, "[", []),
        new(MonitorCommand.ToggleWork, "i", "switch work between cpu and io", "i io", "iI", []),
        new(MonitorCommand.StartStop, "space", "start the next run, or stop the current one", "spc run", "", [KeyCode.Space]),
        new(MonitorCommand.Compare, "c", "compare: single, threads, processes, gil into results", "c cmp", "cC", []),
        new(MonitorCommand.ToggleRecording, "r", "start or stop recording a trace", "r rec", "rR", []),
        new(MonitorCommand.ToggleStacks, "s", "sample stacks on or off: hot methods, each thread's stack, wait sites", "s stacks", "sS", [])
        {
            ListedWhen = state => state.IsWatching,
        },
        new(MonitorCommand.PickTargets, "p", "attach: pick processes to watch or stop watching (Enter)", null, "pP", []),
    ];

    private static readonly KeyBinding[] Navigation =
    [
        new(MonitorCommand.Choose, "Enter", null, null, "", [KeyCode.Enter]),
        new(MonitorCommand.NextPanel, "Tab S-Tab", "select the next or previous panel", "tab panel", "", [KeyCode.Tab]),
        new(MonitorCommand.PreviousPanel, "Shift+Tab", null, null, "", [KeyCode.Tab | KeyCode.ShiftMask]),
        new(MonitorCommand.ScrollUp, "arrows PgUp..", "scroll the selected panel (also PgDn Home End)", null, "k", [KeyCode.CursorUp]),
        new(MonitorCommand.ScrollDown, "Down", null, null, "j", [KeyCode.CursorDown]),
        new(MonitorCommand.PageUp, "PgUp", null, null, "", [KeyCode.PageUp]),
        new(MonitorCommand.PageDown, "PgDn", null, null, "", [KeyCode.PageDown]),
        new(MonitorCommand.ScrollTop, "Home", null, null, "", [KeyCode.Home]),
        new(MonitorCommand.ScrollBottom, "End", null, null, "", [KeyCode.End]),
        new(MonitorCommand.StepBack, "Left Right < >", "replay: step back/forward, slower/faster (space pauses)", null, "", [KeyCode.CursorLeft]),
        new(MonitorCommand.StepForward, "Right", null, null, "", [KeyCode.CursorRight]),
        new(MonitorCommand.Slower, "<", null, null, "<,", []),
        new(MonitorCommand.Faster, ">", null, null, ">.", []),
        new(MonitorCommand.Help, "? F1", "this help", "? help", "?", [KeyCode.F1]),
        new(MonitorCommand.Quit, "q F10 Ctrl+C", "quit (stops the run and its workers); Ctrl+Z suspends, fg resumes", "q quit", "qQ", [KeyCode.F10, KeyCode.C | KeyCode.CtrlMask]),
        new(MonitorCommand.Suspend, "Ctrl+Z", null, null, "", [KeyCode.Z | KeyCode.CtrlMask]),
        // Esc only closes the help: through SSH and tmux a lone Esc also arrives when an Alt or arrow sequence is
        // split, and quitting (ending the workers) by accident is worse than one key more.
        new(MonitorCommand.Dismiss, "Esc", null, null, "", [KeyCode.Esc]),
    ];

    /// <exception cref="ArgumentException">A panel's key is taken: it would silently shadow the other binding.</exception>
    public KeyMap(IEnumerable<PanelDefinition> panels)
    {
        var bindings = new List<KeyBinding>(Workload);
        foreach (var (panel, key) in panels.SelectMany(p => p.Keys.Select(k => (p, k))))
        {
            string chars = $"{char.ToLowerInvariant(key.Char)}{char.ToUpperInvariant(key.Char)}";
            if (bindings.Concat(Navigation).FirstOrDefault(b => b.Chars.IndexOfAny(chars.ToCharArray()) >= 0) is { } taken)
            {
                throw new ArgumentException($"the key {key.Char} of a panel is already bound ({taken.Keys})", nameof(panels));
            }
            bindings.Add(new(MonitorCommand.PanelKey, key.HelpKeys ?? key.Char.ToString(), key.Help, key.BarWord is null ? null : $"{key.Char} {key.BarWord}", chars, [], key.Press)
            {
                ListedWhen = panel.Shown,
            });
        }
        bindings.AddRange(Navigation);
        Bindings = bindings;
    }

    public IReadOnlyList<KeyBinding> Bindings { get; }

    public KeyBinding? BindingFor(Key key) => Bindings.FirstOrDefault(b => b.Matches(key));
}
