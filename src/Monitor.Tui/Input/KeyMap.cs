using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Monitor.Tui.Input;

/// <summary>The one place that says which key does what; the key bar and the help are drawn from it.</summary>
public static class KeyMap
{
    public static readonly IReadOnlyList<KeyBinding> Bindings =
    [
        new(MonitorCommand.ModeSingle, "1", "run single: one thread", "1-4 mode", "1", []),
        new(MonitorCommand.ModeThreads, "2", "run threads: K threads in one process", null, "2", []),
        new(MonitorCommand.ModeProcesses, "3", "run processes: K worker processes", null, "3", []),
        new(MonitorCommand.ModeGil, "4", "run gil: K threads behind one global lock", null, "4", []),
        new(MonitorCommand.MoreWorkers, "+ -", "one worker (K) more or fewer for the next run", "+/- K", "+=", []),
        new(MonitorCommand.FewerWorkers, "-", null, null, "-_", []),
        new(MonitorCommand.BiggerN, "] [", "N x10 or /10 for the next run", "]/[ N", "]", []),
        new(MonitorCommand.SmallerN, "[", null, null, "[", []),
        new(MonitorCommand.ToggleWork, "i", "switch work between cpu and io", "i io", "iI", []),
        new(MonitorCommand.StartStop, "space", "start the next run, or stop the current one", "spc run", "", [KeyCode.Space]),
        new(MonitorCommand.Compare, "c", "compare: single, threads, processes, gil into results", "c cmp", "cC", []),
        new(MonitorCommand.ToggleRecording, "r", "start or stop recording a trace", "r rec", "rR", []),
        new(MonitorCommand.ToggleRuntimeThreads, "e", "expand or fold the runtime's own threads", "e expand", "eE", []),
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

    public static MonitorCommand? CommandFor(Key key) => Bindings.FirstOrDefault(b => b.Matches(key))?.Command;

    public static KeyBinding For(MonitorCommand command) => Bindings.First(b => b.Command == command);
}
