using Monitor.Tui.State;
using Monitor.Tui.Text;

namespace Monitor.Tui.Panels;

/// <summary>
/// One panel of the dashboard, as <see cref="PanelRegistry"/> lists it: its title, how it draws the state for a
/// width, how many body rows it has to show (the layout grows it towards that), where it goes, the rows its
/// <see cref="PanelContent.Header"/> always takes, whether a finished run scrolls it to its last row, a key of its
/// own if it has one, and whether it is there only while watching processes Monitor did not start (attach, replay:
/// <see cref="State.DashboardState.CanRunWorkloads"/> false).
/// </summary>
public sealed record PanelDefinition(
    string Title,
    Func<DashboardState, int, Glyphs, PanelContent> Render,
    Func<DashboardState, int> WantedRows,
    PanelPlacement Placement,
    int HeaderRows = 0,
    bool ScrollsToEndOnResult = false,
    PanelKey? Key = null,
    bool OnlyWhileWatching = false)
{
    /// <summary>Whether the dashboard shows this panel: a dashboard that runs workloads leaves out the panels that
    /// are only there while watching.</summary>
    public bool ShownWhen(bool canRunWorkloads) => !(OnlyWhileWatching && canRunWorkloads);

    /// <summary>The rows besides the body: the title rule and the header rows.</summary>
    public int RowsAroundBody => 1 + HeaderRows;
}
