using Monitor.Tui.Input;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>Every key binding that does something here with what it does, then how to read the numbers. While
/// watching processes Monitor did not start (attach, replay) the workload keys are left out, and p is there only in
/// attach: at 80x24 the help has no row to spare.</summary>
public static class HelpPanel
{
    public const int KeyColumn = 14;

    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var lines = new List<StyledLine>();
        foreach (var binding in Listed(state))
        {
            lines.Add(new LineBuilder(width).Gap().Left(binding.Keys, KeyColumn, Tone.Accent).Add(binding.Help!).Build());
        }
        lines.Add(StyledLine.Empty);
        lines.Add(StyledLine.Plain(" " + HeaderPanel.CpuScaleNote + ". WAIT% = runnable but waiting for a CPU.", Tone.Dim));
        if (!state.IsWatching)
        {
            lines.Add(StyledLine.Plain(" ITER/s is work done: spinning on a lock burns CPU but adds no iterations.", Tone.Dim));
        }
        lines.Add(StyledLine.Plain(" ?, q or Esc closes this help.", Tone.Dim));
        return PanelContent.Lines([.. lines]);
    }

    public static int LineCount(DashboardState state) => Listed(state).Count() + (state.IsWatching ? 3 : 4);

    /// <summary>The bindings with a line of their own: watching another process, the workload's keys have none; the
    /// picker is there only where processes can be picked.</summary>
    private static IEnumerable<KeyBinding> Listed(DashboardState state) =>
        state.Keys.Bindings.Where(b => b.Help is not null
            && b.IsListed(state)
            && (b.Command != MonitorCommand.PickTargets || state.CanPickTargets));
}
