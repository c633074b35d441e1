using Monitor.Tui.Input;
using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// The two bottom lines: the latest status message, then the keys (always visible). Watching another process, the
/// workload's keys are left out; panels' keys that do not fit are left out, the last first, so the keys to move
/// around and to quit always show.
/// </summary>
public static class KeyBarPanel
{
    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var status = new LineBuilder(width).Gap().Add(state.Status, Tone.Warn).Build();
        var shown = state.Keys.Bindings.Where(b => b.BarLabel is not null && b.IsListed(state)).ToList();
        while (shown.Sum(b => b.BarLabel!.Length + 1) - 1 > width && shown.FindLastIndex(b => b.Command == MonitorCommand.PanelKey) is var last and >= 0)
        {
            shown.RemoveAt(last);
        }
        var keys = new LineBuilder(width);
        foreach (var binding in shown)
        {
            string label = binding.BarLabel!;
            int split = label.IndexOf(' ');
            bool off = binding.NeedsWorkloads && !state.CanRunWorkloads;
            keys.Add(label[..split], off ? Tone.Dim : Tone.Selected)
                .Add(label[split..] + " ", off ? Tone.Dim : Tone.Normal);
        }
        return PanelContent.Lines(status, keys.Build());
    }
}
