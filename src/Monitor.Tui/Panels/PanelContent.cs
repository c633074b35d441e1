using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// What a panel shows: header rows that stay put and body rows that scroll; a note drawn in the title rule (what the
/// rows are sorted and filtered by) and the body row of the panel's cursor, which the view keeps in sight.
/// </summary>
public sealed record PanelContent(IReadOnlyList<StyledLine> Header, IReadOnlyList<StyledLine> Body)
{
    public static readonly PanelContent Empty = new([], []);

    public string? Note { get; init; }

    public int? CursorRow { get; init; }

    /// <summary>
    /// Everything the body is made from, when the panel can say so: two contents with equal sources have the same
    /// body, so it is not compared line by line (which would make every line of a <see cref="LinesOnDemand"/>).
    /// </summary>
    public object? BodySource { get; init; }

    public static PanelContent Lines(params StyledLine[] body) => new([], body);

    public bool SameAs(PanelContent other) =>
        Note == other.Note && CursorRow == other.CursorRow && Header.SequenceEqual(other.Header)
        && (BodySource is not null && other.BodySource is not null ? BodySource.Equals(other.BodySource) : Body.SequenceEqual(other.Body));
}
