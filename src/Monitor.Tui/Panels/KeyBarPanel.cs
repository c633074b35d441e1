using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>The two bottom lines: the latest status message, then the keys (always visible).</summary>
public static class KeyBarPanel
{
    public static PanelContent Render(DashboardState state, int width, Glyphs glyphs)
    {
        var status = new LineBuilder(width).Gap().Add(state.Status, Tone.Warn).Build();
        var keys = new LineBuilder(width);
        foreach (var binding in state.Keys.Bindings.Where(b => b.BarLabel is not null))
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
