using System.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Monitor.Tui.Views;

/// <summary>The top-level view: places the panels for the current size, or the too-small message instead.</summary>
public sealed class DashboardView : Runnable
{
    private readonly Func<Size, DashboardFrames> _layout;
    private readonly Func<Size, Rectangle?> _pickerFrame;

    /// <param name="registered">The registry's panels, in its order (what <paramref name="layout"/> places).</param>
    /// <param name="pickerFrame">where the process picker goes; null while it is closed.</param>
    public DashboardView(
        Func<Size, DashboardFrames> layout,
        PanelView header,
        IReadOnlyList<PanelView> registered,
        PanelView keyBar,
        PanelView help,
        PanelView picker,
        Func<Size, Rectangle?> pickerFrame,
        TooSmallView tooSmall)
    {
        _layout = layout;
        _pickerFrame = pickerFrame;
        Picker = picker;
        Header = header;
        Registered = registered;
        KeyBar = keyBar;
        Help = help;
        TooSmall = tooSmall;
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;
        Help.Visible = false;
        Picker.Visible = false;
        TooSmall.Visible = false;
        // Added last, drawn on top.
        Add([header, .. registered, keyBar, tooSmall, picker, help]);
    }

    public PanelView Header { get; }
    public IReadOnlyList<PanelView> Registered { get; }
    public PanelView KeyBar { get; }
    public PanelView Help { get; }
    /// <summary>The process picker (p), over the panels while open.</summary>
    public PanelView Picker { get; }
    public TooSmallView TooSmall { get; }

    public bool IsTooSmall { get; private set; }

    /// <summary>Every view that draws panel content: the header, the registered panels, the key bar, the picker and the help.</summary>
    public IEnumerable<PanelView> Panels => [Header, .. Registered, KeyBar, Picker, Help];

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
        var picker = _pickerFrame(Viewport.Size);
        Place(Picker, picker ?? Rectangle.Empty, picker is not null && !frames.TooSmall);
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
