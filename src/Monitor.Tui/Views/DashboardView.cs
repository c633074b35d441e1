using System.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Monitor.Tui.Views;

/// <summary>The top-level view: places the panels for the current size, or the too-small message instead.</summary>
public sealed class DashboardView : Runnable
{
    private readonly Func<Size, DashboardFrames> _layout;

    public DashboardView(
        Func<Size, DashboardFrames> layout,
        PanelView header,
        PanelView threads,
        PanelView contention,
        PanelView memory,
        PanelView results,
        PanelView keyBar,
        PanelView help,
        TooSmallView tooSmall)
    {
        _layout = layout;
        Header = header;
        Threads = threads;
        Contention = contention;
        Memory = memory;
        Results = results;
        KeyBar = keyBar;
        Help = help;
        TooSmall = tooSmall;
        Width = Dim.Fill();
        Height = Dim.Fill();
        BorderStyle = Terminal.Gui.Drawing.LineStyle.None;
        Help.Visible = false;
        TooSmall.Visible = false;
        // Added last, drawn on top.
        Add(header, threads, contention, memory, results, keyBar, tooSmall, help);
    }

    public PanelView Header { get; }
    public PanelView Threads { get; }
    public PanelView Contention { get; }
    public PanelView Memory { get; }
    public PanelView Results { get; }
    public PanelView KeyBar { get; }
    public PanelView Help { get; }
    public TooSmallView TooSmall { get; }

    public bool IsTooSmall { get; private set; }

    public IEnumerable<PanelView> Panels => [Header, Threads, Contention, Memory, Results, KeyBar, Help];

    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        base.OnSubViewLayout(args);
        var frames = _layout(Viewport.Size);
        IsTooSmall = frames.TooSmall;
        Place(TooSmall, new Rectangle(Point.Empty, Viewport.Size), frames.TooSmall);
        Place(Header, frames.Header, !frames.TooSmall);
        Place(Threads, frames.Threads, !frames.TooSmall);
        Place(Contention, frames.Contention, !frames.TooSmall);
        Place(Memory, frames.Memory, !frames.TooSmall);
        Place(Results, frames.Results, !frames.TooSmall);
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
