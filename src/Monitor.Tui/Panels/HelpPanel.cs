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
        foreach (var binding in state.Keys.Bindings.Where(b => Shows(b, state)))
        {
            lines.Add(new LineBuilder(width).Gap().Left(binding.Keys, KeyColumn, Tone.Accent).Add(binding.Help!).Build());
        }
        lines.Add(StyledLine.Empty);
        lines.Add(StyledLine.Plain(" " + HeaderPanel.CpuScaleNote + ". WAIT% = runnable but waiting for a CPU.", Tone.Dim));
        lines.Add(StyledLine.Plain(" ITER/s is work done: spinning on a lock burns CPU but adds no iterations.", Tone.Dim));
        lines.Add(StyledLine.Plain(" ?, q or Esc closes this help.", Tone.Dim));
        return PanelContent.Lines([.. lines]);
    }

    public static int LineCount(DashboardState state) => state.Keys.Bindings.Count(b => Shows(b, state)) + 4;

    private static bool Shows(KeyBinding binding, DashboardState state) =>
        binding.Help is not null
        && (!binding.NeedsWorkloads || state.CanRunWorkloads)
        && (binding.Command != MonitorCommand.PickTargets || state.CanPickTargets);
}
