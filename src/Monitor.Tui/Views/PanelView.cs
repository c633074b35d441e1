using System.Drawing;
using Monitor.Tui.Panels;
using Monitor.Tui.Text;
using Terminal.Gui.ViewBase;

namespace Monitor.Tui.Views;

/// <summary>
/// Draws one panel's <see cref="PanelContent"/>: an optional title rule, fixed header rows, then body rows that
/// scroll. It asks for a redraw only when the content it is given differs from what it shows, because Terminal.Gui
/// rewrites every dirty row to the terminal without comparing.
/// </summary>
public sealed class PanelView : View
{
    private readonly Func<int, PanelContent> _render;
    private readonly Palette _palette;
    private readonly Glyphs _glyphs;
    private PanelContent _content = PanelContent.Empty;
    private int _scroll;
    private bool _selected;

    public PanelView(string? panelTitle, Func<int, PanelContent> render, Palette palette, Glyphs glyphs)
    {
        PanelTitle = panelTitle;
        _render = render;
        _palette = palette;
        _glyphs = glyphs;
        CanFocus = false;
    }

    public string? PanelTitle { get; }

    public PanelContent Content => _content;

    public int DrawCount { get; private set; }

    public bool Selected
    {
        get => _selected;
        set
        {
            if (_selected != value)
            {
                _selected = value;
                SetNeedsDraw();
            }
        }
    }

    private int TitleRows => PanelTitle is null ? 0 : 1;

    private int BodyRows => Math.Max(0, Viewport.Height - TitleRows - _content.Header.Count);

    private int MaxScroll => Math.Max(0, _content.Body.Count - BodyRows);

    /// <summary>Renders for the current width; marks the view dirty only if something changed.</summary>
    public void Refresh()
    {
        if (!Visible || Viewport.Width <= 0)
        {
            return;
        }
        var content = _render(Viewport.Width);
        if (!content.SameAs(_content))
        {
            _content = content;
            SetNeedsDraw();
        }
    }

    public void ScrollBy(int rows) => ScrollTo(_scroll + rows);

    public void ScrollPage(int pages) => ScrollBy(pages * Math.Max(1, BodyRows - 1));

    public void ScrollTo(int row)
    {
        int clamped = Math.Clamp(row, 0, MaxScroll);
        if (clamped != _scroll)
        {
            _scroll = clamped;
            SetNeedsDraw();
        }
    }

    public void ScrollToEnd() => ScrollTo(int.MaxValue);

    protected override void OnFrameChanged(in Rectangle frame)
    {
        base.OnFrameChanged(frame);
        Refresh();
    }

    // Every cell is written in OnDrawingContent, so clearing first would only double the work.
    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        DrawCount++;
        _scroll = Math.Min(_scroll, MaxScroll);
        int width = Viewport.Width;
        for (int row = 0; row < Viewport.Height; row++)
        {
            Move(0, row);
            int drawn = 0;
            foreach (var span in LineAt(row, width).Spans)
            {
                string text = span.Text.Length > width - drawn ? span.Text[..(width - drawn)] : span.Text;
                SetAttribute(_palette[span.Tone]);
                AddStr(text);
                drawn += text.Length;
            }
            if (drawn < width)
            {
                SetAttribute(_palette[Tone.Normal]);
                AddStr(new string(' ', width - drawn));
            }
        }
        context?.AddDrawnRectangle(ViewportToScreen(Viewport with { Location = Point.Empty }));
        return true;
    }

    private StyledLine LineAt(int row, int width)
    {
        if (PanelTitle is not null)
        {
            if (row == 0)
            {
                return TitleLine(width);
            }
            row--;
        }
        if (row < _content.Header.Count)
        {
            return _content.Header[row];
        }
        row = row - _content.Header.Count + _scroll;
        return row < _content.Body.Count ? _content.Body[row] : StyledLine.Empty;
    }

    private StyledLine TitleLine(int width)
    {
        string rule = _glyphs.Rule.ToString();
        var line = new LineBuilder(width).Add(rule, Tone.Dim).Add($" {PanelTitle} ", _selected ? Tone.Selected : Tone.Heading);
        if (_content.Body.Count > BodyRows && BodyRows > 0)
        {
            int last = Math.Min(_content.Body.Count, _scroll + BodyRows);
            string position = $" {_scroll + 1}-{last} of {_content.Body.Count} ";
            line.Add(new string(_glyphs.Rule, Math.Max(0, line.Remaining - position.Length - 1)), Tone.Dim).Add(position, Tone.Dim);
        }
        return line.Add(new string(_glyphs.Rule, line.Remaining), Tone.Dim).Build();
    }
}
