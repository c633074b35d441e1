using System.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Monitor.Tui.Views;

/// <summary>The top-level view: places the panels for the current size, or the too-small message instead.</summary>
public sealed class DashboardView : Runnable
{
    private readonly Func<Size, DashboardFrames> _layout;

    /// <param name="registered">The registry's panels, in its order (what <paramref name="layout"/> places).</param>
    public DashboardView(
        Func<Size, DashboardFrames> layout,
        PanelView header,
        IReadOnlyList<PanelView> registered,
        PanelView keyBar,
        PanelView help,
        TooSmallView tooSmall)
    {
        _layout = layout;
        Header = header;
        Registered = registered;
        KeyBar = keyBar;
        Help = help;
        TooSmall = tooSmall;
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;
        Help.Visible = false;
        TooSmall.Visible = false;
        // Added last, drawn on top.
        Add([header, .. registered, keyBar, tooSmall, help]);
    }

    public PanelView Header { get; }
    public IReadOnlyList<PanelView> Registered { get; }
    public PanelView KeyBar { get; }
    public PanelView Help { get; }
    public TooSmallView TooSmall { get; }

    public bool IsTooSmall { get; private set; }

    /// <summary>Every view that draws panel content: the header, the registered panels, the key bar and the help.</summary>
    public IEnumerable<PanelView> Panels => [Header, .. Registered, KeyBar, Help];

    /// <summary>The registered panel with this title.</summary>
    public PanelView Panel(string title) => Registered.Single(p => p.PanelTitle == title);

    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        base.OnSubViewLayout(args);
        var frames = _layout(Viewport.Size);
        IsTooSmall = frames.TooSmall;
        Place(TooSmall, new Rectangle(Point.Empty, Viewport.Size), frames.TooSmall);
        Place(Header, frames.Header, !frames.TooSmall);
        for (int i = 0; i < Registered.Count; i++)
        {
            Place(Registered[i], frames.Panels[i], !frames.TooSmall && !frames.Panels[i].IsEmpty);
        }
        Place(KeyBar, frames.KeyBar, !frames.TooSmall);
        Place(Help, frames.Help, Help.Visible && !frames.TooSmall);
    }

    private static void Place(View view, Rectangle frame, bool visible)
    {
        if (view.Visible != visible)
        {
            view.Visible = visible;
        }
        if (!visible)
        {
            return;
        }
        // Setting a Pos or Dim marks the view for layout even when the value is the same, so compare first.
        if (view.Frame != frame)
        {
            view.X = frame.X;
            view.Y = frame.Y;
            view.Width = frame.Width;
            view.Height = frame.Height;
        }
    }
}
