using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// One panel of the dashboard, as <see cref="PanelRegistry"/> lists it: its title, how it draws the state for a
/// width, how many body rows it has to show (the layout grows it towards that), where it goes, the rows its
/// <see cref="PanelContent.Header"/> always takes, whether a finished run scrolls it to its last row; and, set in an
/// initializer, the keys of its own, whether it is shown at all, and a cursor the arrows move instead of scrolling.
/// </summary>
public sealed record PanelDefinition(
    string Title,
    Func<DashboardState, int, Glyphs, PanelContent> Render,
    Func<DashboardState, int> WantedRows,
    PanelPlacement Placement,
    int HeaderRows = 0,
    bool ScrollsToEndOnResult = false)
{
    /// <summary>The rows besides the body: the title rule and the header rows.</summary>
    public int RowsAroundBody => 1 + HeaderRows;

    /// <summary>The panel's own keys, in the order the key bar and the help list them.</summary>
    public IReadOnlyList<PanelKey> Keys { get; init; } = [];

    /// <summary>Whether the panel has a place on the screen now; a hidden one gives its rows to the others.</summary>
    public Func<DashboardState, bool> Shown { get; init; } = _ => true;

    /// <summary>
    /// Moves the panel's cursor by a number of body rows (negative: up; int.MinValue/MaxValue: to an end). With a
    /// cursor, the arrows, PgUp, PgDn, Home and End move it while the panel is selected, and the view scrolls to keep
    /// <see cref="PanelContent.CursorRow"/> in sight; without one they scroll.
    /// </summary>
    public Action<DashboardState, int>? MoveCursor { get; init; }

    /// <summary>What Enter does while the panel is selected (unfold what is under its cursor); null: nothing.</summary>
    public Action<DashboardState>? Choose { get; init; }
}
