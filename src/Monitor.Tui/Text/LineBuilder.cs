namespace Monitor.Tui.Text;

/// <summary>Builds a <see cref="StyledLine"/> cell by cell, never wider than the panel.</summary>
public sealed class LineBuilder(int width)
{
    private readonly List<Span> _spans = [];

    public int Length { get; private set; }

    public int Remaining => Math.Max(0, width - Length);

    public LineBuilder Add(string text, Tone tone = Tone.Normal)
    {
        if (text.Length > Remaining)
        {
            text = text[..Remaining];
        }
        if (text.Length > 0)
        {
            _spans.Add(new Span(text, tone));
            Length += text.Length;
        }
        return this;
    }

    public LineBuilder Left(string text, int cellWidth, Tone tone = Tone.Normal) =>
        Add(Fit(text, cellWidth).PadRight(cellWidth), tone);

    public LineBuilder Right(string text, int cellWidth, Tone tone = Tone.Normal) =>
        Add(Fit(text, cellWidth).PadLeft(cellWidth), tone);

    public LineBuilder Gap(int cells = 1) => Add(new string(' ', cells));

    public StyledLine Build() => new(_spans.ToArray());

    /// <summary>Builds the line in one tone, e.g. a column header.</summary>
    public StyledLine Build(Tone tone) => StyledLine.Plain(string.Concat(_spans.Select(s => s.Text)), tone);

    /// <summary>Cuts text to a width, marking the cut with '~' so a truncated name is not mistaken for a whole one.</summary>
    public static string Fit(string text, int cellWidth) =>
        text.Length <= cellWidth ? text : cellWidth <= 1 ? text[..cellWidth] : text[..(cellWidth - 1)] + "~";
}
