using System.Drawing;
using Monitor.Tui.Panels;
using Monitor.Tui.Text;
using Cell = Terminal.Gui.Drawing.Cell;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;

namespace Monitor.Tui.Views;

/// <summary>
/// Draws one panel's <see cref="PanelContent"/>: an optional title rule, fixed header rows, then body rows that
/// scroll. It asks for a redraw only when the content it is given differs from what it shows. Terminal.Gui writes
/// every cell a view draws to the terminal without comparing it with what is there, and skips only the cells nobody
/// drew; so the panel draws only the cells whose character or colour differs from the screen buffer's. A figure that
/// moved costs its own cells, not its row's ~200 bytes of colour sequences.
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

    /// <summary>How far PgUp and PgDn move: a page less one row, so the row at the edge stays in sight.</summary>
    public int PageRows => Math.Max(1, BodyRows - 1);

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
        if (_content.CursorRow is { } cursor && BodyRows > 0)
        {
            // However the rows moved around it: the cursor's row stays in sight.
            ScrollTo(Math.Clamp(_scroll, cursor - BodyRows + 1, cursor));
        }
    }

    public void ScrollBy(int rows) => ScrollTo(_scroll + rows);

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

    /// <summary>Scrolls as little as needed for body row <paramref name="row"/> to be in view (a list's selection).</summary>
    public void ScrollIntoView(int row)
    {
        if (row < _scroll) ScrollTo(row);
        else if (BodyRows > 0 && row >= _scroll + BodyRows) ScrollTo(row - BodyRows + 1);
    }

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
        var screen = App?.Driver?.Contents;
        var origin = ViewportToScreen(Point.Empty);
        Span<char> text = width <= 1024 ? stackalloc char[width] : new char[width];
        Span<byte> tones = width <= 1024 ? stackalloc byte[width] : new byte[width];
        for (int row = 0; row < Viewport.Height; row++)
        {
            Cells(LineAt(row, width), text, tones);
            DrawChangedCells(row, text, tones, screen, origin);
        }
        context?.AddDrawnRectangle(ViewportToScreen(Viewport with { Location = Point.Empty }));
        return true;
    }

    /// <summary>
    /// Draws the runs of cells that differ from what the screen buffer holds at their place (what the terminal shows
    /// once the frame is written, whoever drew it: this panel, an overlay, a clear). Short gaps of equal cells are
    /// drawn too, because a cursor move costs about as much as a few characters.
    /// </summary>
    private void DrawChangedCells(int row, ReadOnlySpan<char> text, ReadOnlySpan<byte> tones, Cell[,]? screen, Point origin)
    {
        int width = text.Length;
        int screenRow = origin.Y + row;
        bool known = screen is not null && screenRow >= 0 && screenRow < screen.GetLength(0)
            && origin.X >= 0 && origin.X + width <= screen.GetLength(1);
        int col = 0;
        while (col < width)
        {
            if (known && Shows(screen![screenRow, origin.X + col], text[col], tones[col]))
            {
                col++;
                continue;
            }
            int end = col + 1;
            int same = 0;
            while (end < width && same <= 3)
            {
                same = known && Shows(screen![screenRow, origin.X + end], text[end], tones[end]) ? same + 1 : 0;
                end++;
            }
            if (end < width || same > 0)
            {
                end -= same;
            }
            Move(col, row);
            while (col < end)
            {
                int from = col;
                byte tone = tones[col];
                while (col < end && tones[col] == tone)
                {
                    col++;
                }
                SetAttribute(_palette[(Tone)tone]);
                AddStr(new string(text[from..col]));
            }
        }
    }

    private bool Shows(in Cell cell, char c, byte tone) =>
        cell.Attribute == _palette[(Tone)tone] && cell.Grapheme is { Length: 1 } g && g[0] == c;

    /// <summary>The line as one character and one tone per cell, cut to the width or padded with blanks.</summary>
    private static void Cells(StyledLine line, Span<char> text, Span<byte> tones)
    {
        int at = 0;
        foreach (var span in line.Spans)
        {
            foreach (char c in span.Text)
            {
                if (at == text.Length)
                {
                    return;
                }
                text[at] = c;
                tones[at++] = (byte)span.Tone;
            }
        }
        text[at..].Fill(' ');
        tones[at..].Fill((byte)Tone.Normal);
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
        if (_content.Note is { } note)
        {
            line.Add(rule, Tone.Dim).Add($" {note} ", Tone.Accent);
        }
        if (_content.Body.Count > BodyRows && BodyRows > 0)
        {
            int last = Math.Min(_content.Body.Count, _scroll + BodyRows);
            string position = $" {_scroll + 1}-{last} of {_content.Body.Count} ";
            line.Add(new string(_glyphs.Rule, Math.Max(0, line.Remaining - position.Length - 1)), Tone.Dim).Add(position, Tone.Dim);
        }
        return line.Add(new string(_glyphs.Rule, line.Remaining), Tone.Dim).Build();
    }
}
