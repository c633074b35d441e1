using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>What a panel shows: header rows that stay put and body rows that scroll.</summary>
public sealed record PanelContent(IReadOnlyList<StyledLine> Header, IReadOnlyList<StyledLine> Body)
{
    public static readonly PanelContent Empty = new([], []);

    public static PanelContent Lines(params StyledLine[] body) => new([], body);

    public bool SameAs(PanelContent other) => Header.SequenceEqual(other.Header) && Body.SequenceEqual(other.Body);
}
