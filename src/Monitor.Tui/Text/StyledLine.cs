namespace Monitor.Tui.Text;

public readonly record struct Span(string Text, Tone Tone = Tone.Normal);

/// <summary>One row of a panel: spans drawn left to right. Equal lines mean nothing to redraw.</summary>
public sealed class StyledLine : IEquatable<StyledLine>
{
    public static readonly StyledLine Empty = new([]);

    public StyledLine(IReadOnlyList<Span> spans) => Spans = spans;

    public IReadOnlyList<Span> Spans { get; }

    public string Text => string.Concat(Spans.Select(s => s.Text));

    public static StyledLine Plain(string text, Tone tone = Tone.Normal) => new([new Span(text, tone)]);

    public bool Equals(StyledLine? other) => other is not null && Spans.SequenceEqual(other.Spans);

    public override bool Equals(object? obj) => Equals(obj as StyledLine);

    public override int GetHashCode() => Spans.Count == 0 ? 0 : HashCode.Combine(Spans.Count, Spans[0]);

    public override string ToString() => Text;
}
